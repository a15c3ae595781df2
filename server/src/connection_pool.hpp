#pragma once
// A fixed set of database connections shared by the HTTP threads and the background workers.
// lease() waits for a free connection and gives it back when the lease goes out of scope; a
// connection that failed with a non-transient error is reopened on its next lease.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sql.hpp"

namespace ketascreen::server {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<SqlConnection> c) : pool_(pool), connection_(std::move(c)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease() {
      if (pool_ && connection_) pool_->give_back(std::move(connection_));
    }
    SqlConnection* operator->() const { return connection_.get(); }
    SqlConnection& operator*() const { return *connection_; }
    explicit operator bool() const { return connection_ != nullptr; }
    // After a failure that may have broken the connection: drop it, the pool reopens one.
    void discard() { connection_.reset(); if (pool_) pool_->forget_one(); }

   private:
    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<SqlConnection> connection_;
  };

  // Opens the first connection at once so a wrong URL fails at start-up, not at the first request.
  static SqlResult<std::unique_ptr<ConnectionPool>> open(const std::string& url, size_t size);

  // A connection, or an error when none can be opened (database down).
  SqlResult<Lease> lease();
  Dialect dialect() const { return dialect_; }

 private:
  ConnectionPool(std::string url, size_t size, Dialect dialect) : url_(std::move(url)), size_(size), dialect_(dialect) {}
  void give_back(std::unique_ptr<SqlConnection> c);
  void forget_one();

  std::string url_;
  size_t size_;
  Dialect dialect_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  size_t open_ = 0;  // connections in idle_ or leased
};

}  // namespace ketascreen::server
