// A reading the database refused deterministically (a "poison" row: a
// constraint, a value out of range, a trigger that signals), with the
// database's one-line reason. Such a reading is quarantined, never retried.
#ifndef EBILL_COLLECTOR_REJECTED_READING_H_
#define EBILL_COLLECTOR_REJECTED_READING_H_

#include <string>
#include <vector>

#include "common/domain/reading.h"

namespace ebill::collector {

struct RejectedReading {
  Reading reading;
  std::string error;  // the database's message, no secrets
};

using RejectedReadings = std::vector<RejectedReading>;

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_REJECTED_READING_H_
