// The 3-node Galera cluster scripts/test starts on loopback for the tests
// labelled `cluster` (scripts/lib/galera.sh), as a test sees it.
#ifndef EBILL_TESTS_CLUSTER_GALERA_CLUSTER_H_
#define EBILL_TESTS_CLUSTER_GALERA_CLUSTER_H_

#include <optional>
#include <string>
#include <vector>

#include "common/config/database_settings.h"

namespace ebill::test {

// What a test prints when there is no cluster; ctest's
// SKIP_REGULAR_EXPRESSION reports such a test as skipped.
inline constexpr const char* kNoClusterMarker = "EBILL-NO-GALERA-CLUSTER";

struct GaleraCluster {
  // The server settings of node 1, 2, 3 (database name empty).
  std::vector<DatabaseSettings> nodes;
};

// The cluster of EBILL_TEST_GALERA_{HOST,PORTS,USER,PASSWORD}, or nullopt
// (after printing kNoClusterMarker) when scripts/test did not start one.
// Under CI=true a missing cluster throws std::runtime_error instead: on CI
// it is a failure, never a skip.
std::optional<GaleraCluster> galera_cluster();

// The settings of database `name` through node 1, 2, 3, once each node
// answers on it (the others apply a CREATE DATABASE a moment after node 1).
// Throws std::runtime_error when a node does not within 30 s.
std::vector<DatabaseSettings> on_each_node(const GaleraCluster& cluster, const std::string& name);

// $EBILL_TEST_GALERA_CTL kill|start|restart `node` (1..3): SIGKILLs the
// node, starts it into the cluster and waits for Synced, or both. Throws
// std::runtime_error when the variable is unset or the script fails.
void galera_ctl(const std::string& action, int node);

}  // namespace ebill::test

#endif  // EBILL_TESTS_CLUSTER_GALERA_CLUSTER_H_
