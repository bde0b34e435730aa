#include "api/server/worker_pool.h"

#include <exception>

#include "common/log/log.h"

namespace ebill::api {

WorkerPool::WorkerPool(unsigned threads, std::size_t queue_limit) : queue_limit_(queue_limit) {
  if (threads == 0) threads = 1;
  running_threads_ = threads;
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() { stop(std::chrono::hours(1)); }

bool WorkerPool::try_submit(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= queue_limit_) return false;
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
  return true;
}

void WorkerPool::submit(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void WorkerPool::work() {
  std::unique_lock lock(mu_);
  for (;;) {
    ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) break;
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      task();
    } catch (const std::exception& e) {
      log::error("api: worker task failed: {}", e.what());
    }
    task = nullptr;  // its captures go before the lock is taken again
    lock.lock();
  }
  --running_threads_;
  idle_.notify_all();
}

bool WorkerPool::stop(std::chrono::milliseconds grace) {
  std::deque<std::function<void()>> dropped;
  std::unique_lock lock(mu_);
  if (threads_.empty()) return true;
  stopping_ = true;
  dropped.swap(queue_);
  ready_.notify_all();
  if (!idle_.wait_for(lock, grace, [this] { return running_threads_ == 0; })) {
    lock.unlock();
    for (auto& t : threads_) t.detach();
    threads_.clear();
    return false;
  }
  lock.unlock();
  dropped.clear();
  for (auto& t : threads_) t.join();
  threads_.clear();
  return true;
}

}  // namespace ebill::api
