#include "connection_pool.hpp"

namespace ketascreen::server {

SqlResult<std::unique_ptr<ConnectionPool>> ConnectionPool::open(const std::string& url, size_t size) {
  auto first = open_connection(url);
  if (!first.ok()) return SqlResult<std::unique_ptr<ConnectionPool>>::failure(first.error.message, first.error.transient);
  Dialect dialect = (*first.value)->dialect();
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool(url, size == 0 ? 1 : size, dialect));
  pool->idle_.push_back(std::move(*first.value));
  pool->open_ = 1;
  SqlResult<std::unique_ptr<ConnectionPool>> r;
  r.value = std::move(pool);
  return r;
}

SqlResult<ConnectionPool::Lease> ConnectionPool::lease() {
  std::unique_lock<std::mutex> lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    SqlResult<Lease> r;
    r.value.emplace(this, std::move(c));
    return r;
  }
  ++open_;  // reserve the slot, open outside the lock
  lock.unlock();
  auto opened = open_connection(url_);
  if (!opened.ok()) {
    forget_one();
    return SqlResult<Lease>::failure(opened.error.message, true);
  }
  SqlResult<Lease> r;
  r.value.emplace(this, std::move(*opened.value));
  return r;
}

void ConnectionPool::give_back(std::unique_ptr<SqlConnection> c) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(c));
  }
  available_.notify_one();
}

void ConnectionPool::forget_one() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (open_ > 0) --open_;
  }
  available_.notify_one();
}

}  // namespace ketascreen::server
