// A fixed set of threads that run queued tasks in arrival order, with a cap
// on how many may wait. Handlers that block (database reads, fetches from
// other sites) run here so the server's I/O threads never wait on them.
// Thread-safe.
#ifndef EBILL_API_SERVER_WORKER_POOL_H_
#define EBILL_API_SERVER_WORKER_POOL_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ebill::api {

class WorkerPool {
 public:
  // `threads` >= 1 start at once; at most `queue_limit` tasks wait for one.
  WorkerPool(unsigned threads, std::size_t queue_limit);
  ~WorkerPool();  // stop(), waiting for running tasks
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false (task dropped, not run) when queue_limit tasks are
  // waiting already or the pool is stopping.
  bool try_submit(std::function<void()> task);
  // Queues `task` whatever the queue holds (the next chunk of an answer
  // already under way must not be refused); dropped when stopping.
  void submit(std::function<void()> task);

  // Takes no more tasks, destroys the waiting ones unrun, and waits up to
  // `grace` for the running ones. True when every thread ended (joined);
  // false when a task still runs (its thread is left to the process exit).
  bool stop(std::chrono::milliseconds grace);

 private:
  void work();

  const std::size_t queue_limit_;
  std::mutex mu_;
  std::condition_variable ready_;  // a task queued, or stopping
  std::condition_variable idle_;   // a thread ended
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  unsigned running_threads_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_WORKER_POOL_H_
