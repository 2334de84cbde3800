// A client written against Bitcoin Core's IPC schemas the way Core's own IPC functional test drives a
// bitcoin-node: Init.construct, ThreadMap.makeThread, then makeEcho, makeMining and makeRpc with a
// Proxy.Context on every call. Built by CoreIpcClientTest with Debian's libcapnp (EzRpc over the
// node's UNIX socket); it prints one line per step for the test to compare.
//
//   core_ipc_client SOCKET

#include "init.capnp.h"
#include "echo.capnp.h"
#include "mining.capnp.h"
#include "rpc.capnp.h"
#include "common.capnp.h"
#include <mp/proxy.capnp.h>

#include <capnp/ez-rpc.h>
#include <kj/async.h>

#include <cstdio>

namespace {

void emit(kj::StringPtr line) {
  printf("%s\n", line.cStr());
  fflush(stdout);
}

// Display order (as RPC prints a hash): the wire carries Core's internal byte order.
kj::String displayHex(capnp::Data::Reader data) {
  static const char digits[] = "0123456789abcdef";
  kj::Vector<char> out;
  for (size_t i = data.size(); i > 0; --i) {
    out.add(digits[data[i - 1] >> 4]);
    out.add(digits[data[i - 1] & 15]);
  }
  out.add('\0');
  return kj::heapString(out.begin());
}

class NamedThread final : public Thread::Server {
 public:
  explicit NamedThread(kj::String name) : name(kj::mv(name)) {}

 protected:
  kj::Promise<void> getName(GetNameContext context) override {
    context.getResults().setResult(name);
    return kj::READY_NOW;
  }

 private:
  kj::String name;
};

class LocalThreads final : public ThreadMap::Server {
 protected:
  kj::Promise<void> makeThread(MakeThreadContext context) override {
    context.getResults().setResult(kj::heap<NamedThread>(kj::str(context.getParams().getName())));
    return kj::READY_NOW;
  }
};

template <typename Request>
void reportError(Request&& request, kj::StringPtr what, kj::WaitScope& ws) {
  request.send().then([what](auto&&) { emit(kj::str(what, " answered")); },
      [what](kj::Exception&& e) { emit(kj::str(what, " failed")); }).wait(ws);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: core_ipc_client SOCKET\n");
    return 2;
  }
  capnp::EzRpcClient client(kj::str("unix:", argv[1]));
  auto& ws = client.getWaitScope();
  Init::Client init = client.getMain<Init>();

  auto construct = init.constructRequest();
  construct.setThreadMap(kj::heap<LocalThreads>());
  ThreadMap::Client nodeThreads = construct.send().wait(ws).getThreadMap();
  auto makeThread = nodeThreads.makeThreadRequest();
  makeThread.setName("core-client");
  Thread::Client thread = makeThread.send().wait(ws).getResult();
  Thread::Client self = kj::heap<NamedThread>(kj::str("core-client"));
  auto context = [&](Context::Builder c) {
    c.setThread(thread);
    c.setCallbackThread(self);
  };

  auto makeEcho = init.makeEchoRequest();
  context(makeEcho.initContext());
  Echo::Client echo = makeEcho.send().wait(ws).getResult();
  auto call = echo.echoRequest();
  context(call.initContext());
  call.setEcho("hello from core");
  emit(kj::str("echo=", call.send().wait(ws).getResult()));
  auto destroy = echo.destroyRequest();
  context(destroy.initContext());
  destroy.send().wait(ws);

  reportError(init.makeMiningOld2Request(), "makeMiningOld2", ws);

  auto makeMining = init.makeMiningRequest();
  context(makeMining.initContext());
  Mining::Client mining = makeMining.send().wait(ws).getResult();
  auto isTest = mining.isTestChainRequest();
  context(isTest.initContext());
  emit(kj::str("isTestChain=", isTest.send().wait(ws).getResult() ? "true" : "false"));
  auto getTip = mining.getTipRequest();
  context(getTip.initContext());
  auto tip = getTip.send().wait(ws);
  emit(kj::str("tip=", tip.getHasResult() ? "" : "none ", tip.getResult().getHeight(), " ",
      displayHex(tip.getResult().getHash())));
  auto wait = mining.waitTipChangedRequest();
  context(wait.initContext());
  wait.setCurrentTip(tip.getResult().getHash());
  wait.setTimeout(50);
  emit(kj::str("waitTipChanged=", wait.send().wait(ws).getResult().getHeight()));
  reportError(mining.createNewBlockRequest(), "createNewBlock", ws);

  auto makeRpc = init.makeRpcRequest();
  context(makeRpc.initContext());
  Rpc::Client rpc = makeRpc.send().wait(ws).getResult();
  auto execute = rpc.executeRpcRequest();
  context(execute.initContext());
  execute.setRequest("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}");
  execute.setUri("/");
  execute.setUser("");
  emit(kj::str("rpc=", execute.send().wait(ws).getResult()));
  emit("done");
  return 0;
}
