// A minimal HTTP endpoint for Prometheus: any GET answers 200 with
// Metrics::render() as text/plain; version=0.0.4 and closes the connection.
// Serves on its own thread (Boost.Asio, no Beast) until destroyed.
#ifndef EBILL_COLLECTOR_METRICS_SERVER_H_
#define EBILL_COLLECTOR_METRICS_SERVER_H_

#include <memory>
#include <string>

#include "collector/metrics.h"
#include "common/base/result.h"

namespace ebill::collector {

class MetricsServer {
 public:
  // Binds host:port (port 0 = any free port) and starts serving `metrics`,
  // which must outlive the server. Fails with a one-line reason.
  static Result<std::unique_ptr<MetricsServer>, std::string> start(const std::string& host,
                                                                   int port, Metrics& metrics);
  ~MetricsServer();  // stops the thread
  int port() const;

  struct Impl;

 private:
  explicit MetricsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METRICS_SERVER_H_
