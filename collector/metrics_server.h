// The collector's Prometheus endpoint on the common HTTP server core
// (common/http/server.h): GET or HEAD on any path answers 200 with
// Metrics::render() as text/plain; version=0.0.4; other methods get 405.
// One thread of its own; a request must arrive within 5 s, a keep-alive
// connection idles at most 5 s, at most 16 connections are open at once
// (more are closed at once), and an accept that fails is retried 100 ms
// later. Serves until destroyed.
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
  // which must outlive the server. Fails with a one-line reason naming
  // METRICS_PORT.
  static Result<std::unique_ptr<MetricsServer>, std::string> start(const std::string& host,
                                                                   int port, Metrics& metrics);
  ~MetricsServer();  // stops gracefully (at most 1 s), then joins the thread
  int port() const;

  struct Impl;

 private:
  explicit MetricsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METRICS_SERVER_H_
