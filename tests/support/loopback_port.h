// Ports on 127.0.0.1 for the test servers. Thread-safe.
#ifndef EBILL_TESTS_SUPPORT_LOOPBACK_PORT_H_
#define EBILL_TESTS_SUPPORT_LOOPBACK_PORT_H_

namespace ebill::test {

// A port on 127.0.0.1 that was free a moment ago. Throws std::runtime_error
// when no socket can be bound.
int free_loopback_port();

// Something accepts TCP connections on 127.0.0.1:port now.
bool loopback_accepts(int port);

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_LOOPBACK_PORT_H_
