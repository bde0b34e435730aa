// `ebill-api share ...`: share links from the command line, on the database
// the settings name (opening it applies pending migrations).
//   share create METER [--label NAME] [--expires 90d|12h|never] [--allow-fetch]
//       prints the link's URL (PUBLIC_URL + /s/<token>) once; default 90d
//   share list      one line per link: id, meter, label, expires, allow-fetch,
//                   created, state (tab separated; never the token)
//   share revoke ID the link stops working at once
// Returns the exit status: 0, 1 (database trouble, no such link), 2 (usage,
// bad input, bad settings). Errors go to stderr as one line.
#ifndef EBILL_API_ACCESS_SHARE_CLI_H_
#define EBILL_API_ACCESS_SHARE_CLI_H_

namespace ebill::api {

int share_main(int argc, char** argv);

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_SHARE_CLI_H_
