// `ebill-api rebuild-summaries [--meter X]`: recomputes the stored day
// summaries from the readings (after another program wrote readings, or a
// change of GAP_MINUTES), with the configuration of the environment and
// ./.env. Prints one line with the rows written; exit 0, 1 on a database
// failure, 2 on bad arguments or configuration.
#ifndef EBILL_API_REBUILD_SUMMARIES_H_
#define EBILL_API_REBUILD_SUMMARIES_H_

namespace ebill::api {

// argv holds the arguments after "rebuild-summaries".
int rebuild_summaries_main(int argc, char** argv);

}  // namespace ebill::api

#endif  // EBILL_API_REBUILD_SUMMARIES_H_
