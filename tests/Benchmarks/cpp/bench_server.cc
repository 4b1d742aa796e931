// C++ reference server for the CyberPledge Mesh gRPC benchmark.
// Written here for this project against the Debian gRPC C++ packages.
//
// Implements grpc.testing.TestService EmptyCall and UnaryCall as the public
// gRPC interop test description defines them; every other method is left to
// the generated base class, which answers UNIMPLEMENTED.
//
// Usage: bench_server --port=N [--api=callback|sync]
//   Binds 127.0.0.1 only, insecure credentials. Prints
//   "listening on 127.0.0.1:N" once ready; exits cleanly on SIGTERM/SIGINT.

#include <grpcpp/grpcpp.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <pthread.h>

#include "grpc/testing/test.grpc.pb.h"

namespace {

using grpc::testing::Empty;
using grpc::testing::SimpleRequest;
using grpc::testing::SimpleResponse;

// Shared UnaryCall logic. Returns the status to finish the call with.
grpc::Status DoUnary(const SimpleRequest& req, SimpleResponse* resp) {
  if (req.has_response_status() && req.response_status().code() != 0) {
    const auto& s = req.response_status();
    return grpc::Status(static_cast<grpc::StatusCode>(s.code()), s.message());
  }
  if (req.response_size() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "response_size must not be negative");
  }
  if (req.response_size() > 0) {
    auto* p = resp->mutable_payload();
    p->set_type(req.response_type());
    p->mutable_body()->assign(static_cast<size_t>(req.response_size()), '\0');
  }
  return grpc::Status::OK;
}

// Callback (reactor) API implementation.
class CallbackImpl final : public grpc::testing::TestService::CallbackService {
  grpc::ServerUnaryReactor* EmptyCall(grpc::CallbackServerContext* ctx,
                                      const Empty*, Empty*) override {
    auto* r = ctx->DefaultReactor();
    r->Finish(grpc::Status::OK);
    return r;
  }
  grpc::ServerUnaryReactor* UnaryCall(grpc::CallbackServerContext* ctx,
                                      const SimpleRequest* req,
                                      SimpleResponse* resp) override {
    auto* r = ctx->DefaultReactor();
    r->Finish(DoUnary(*req, resp));
    return r;
  }
};

// Synchronous API implementation.
class SyncImpl final : public grpc::testing::TestService::Service {
  grpc::Status EmptyCall(grpc::ServerContext*, const Empty*, Empty*) override {
    return grpc::Status::OK;
  }
  grpc::Status UnaryCall(grpc::ServerContext*, const SimpleRequest* req,
                         SimpleResponse* resp) override {
    return DoUnary(*req, resp);
  }
};

[[noreturn]] void Usage(const char* argv0) {
  std::fprintf(stderr, "usage: %s --port=N [--api=callback|sync]\n", argv0);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  int port = -1;
  std::string api = "callback";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--port=", 7) == 0) {
      char* end = nullptr;
      long v = std::strtol(argv[i] + 7, &end, 10);
      if (*end != '\0' || v < 0 || v > 65535) Usage(argv[0]);
      port = static_cast<int>(v);
    } else if (std::strncmp(argv[i], "--api=", 6) == 0) {
      api = argv[i] + 6;
      if (api != "callback" && api != "sync") Usage(argv[0]);
    } else {
      Usage(argv[0]);
    }
  }
  if (port < 0) Usage(argv[0]);

  // Block SIGINT/SIGTERM before gRPC starts its threads, so they inherit the
  // mask and only the main thread receives them via sigwait().
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);

  CallbackImpl callback_impl;
  SyncImpl sync_impl;

  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort("127.0.0.1:" + std::to_string(port),
                           grpc::InsecureServerCredentials(), &bound_port);
  if (api == "callback") {
    builder.RegisterService(&callback_impl);
  } else {
    builder.RegisterService(&sync_impl);
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) {
    std::fprintf(stderr, "failed to listen on 127.0.0.1:%d\n", port);
    return 1;
  }
  std::printf("listening on 127.0.0.1:%d\n", bound_port);
  std::fflush(stdout);

  int sig = 0;
  sigwait(&sigs, &sig);
  std::fprintf(stderr, "signal %d, shutting down\n", sig);
  // Give in-flight calls up to 2 s, then cancel the rest.
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  server->Wait();
  return 0;
}
