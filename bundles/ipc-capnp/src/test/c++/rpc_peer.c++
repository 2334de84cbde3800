// C++ RPC peer for the Java interop tests, on Debian's libcapnp (EzRpc over a UNIX socket), using
// rpctest.capnp compiled with `capnp compile -oc++` in the test run.
//
//   rpc_peer server SOCKET           serve a Calc as bootstrap; print "ready" once listening; run until killed
//   rpc_peer client SOCKET SCENARIO  call the Calc served at SOCKET; print one line per result; exit 0
//
// Client scenarios: basic, pipeline, pipeline-param, pipeline-back, forward-items, callback, fail, hold, concurrent, cancel, inherit,
// sleep (30 s call, to be killed),
// bench-echo N, bench-data N BYTES (each prints the mean of N timed round trips after N warm-up ones).
// Lines printed by the server: "callback destroyed" and "counter destroyed" from destructors, so the
// Java side can see releases arrive.

#include "rpctest.capnp.h"

#include <capnp/ez-rpc.h>
#include <kj/async.h>
#include <kj/async-io.h>
#include <kj/debug.h>
#include <kj/timer.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

int liveCounters = 0;

void say(kj::StringPtr line) {
  printf("%s\n", line.cStr());
  fflush(stdout);
}

class CounterImpl final : public Counter::Server {
 public:
  explicit CounterImpl(int64_t current) : current(current) { liveCounters++; }
  ~CounterImpl() noexcept(false) {
    liveCounters--;
    say("counter destroyed");
  }

 protected:
  kj::Promise<void> next(NextContext context) override {
    context.getResults().setCounter(kj::heap<CounterImpl>(current + 1));
    return kj::READY_NOW;
  }
  kj::Promise<void> value(ValueContext context) override {
    context.getResults().setValue(current);
    return kj::READY_NOW;
  }

 private:
  int64_t current;
};

class DoublerImpl final : public Doubler::Server {
 public:
  explicit DoublerImpl(int64_t start) : start(start) {}

 protected:
  kj::Promise<void> twice(TwiceContext context) override {
    context.getResults().setX2(2 * context.getParams().getX());
    return kj::READY_NOW;
  }
  kj::Promise<void> next(NextContext context) override {
    context.getResults().setCounter(kj::heap<CounterImpl>(start + 1));
    return kj::READY_NOW;
  }
  kj::Promise<void> value(ValueContext context) override {
    context.getResults().setValue(start);
    return kj::READY_NOW;
  }

 private:
  int64_t start;
};

// Answers call(text, calc) with "cpp:" + text + "/" + calc.echo("nested"), or "/no calc" without one.
class CallbackImpl final : public Callback::Server {
 public:
  ~CallbackImpl() noexcept(false) { say("callback destroyed"); }

 protected:
  kj::Promise<void> call(CallContext context) override {
    auto text = kj::str(context.getParams().getText());
    if (!context.getParams().hasCalc()) {
      context.getResults().setText(kj::str("cpp:", text, "/no calc"));
      return kj::READY_NOW;
    }
    auto request = context.getParams().getCalc().echoRequest();
    request.setText("nested");
    return request.send().then([context, text = kj::mv(text)](capnp::Response<Calc::EchoResults> r) mutable {
      context.getResults().setText(kj::str("cpp:", text, "/", r.getText()));
    });
  }
  kj::Promise<void> gather(GatherContext context) override {
    kj::Vector<kj::Promise<kj::String>> echoes;
    for (auto item : context.getParams().getItems()) {
      auto request = item.getCalc().echoRequest();
      request.setText(item.getName());
      echoes.add(request.send().then([](capnp::Response<Calc::EchoResults> r) { return kj::str(r.getText()); }));
    }
    return kj::joinPromises(echoes.releaseAsArray()).then([context](kj::Array<kj::String> texts) mutable {
      context.getResults().setText(kj::strArray(texts, ","));
      context.getResults().setItems(context.getParams().getItems());
    });
  }
};

class CalcImpl final : public Calc::Server {
 public:
  // The timer comes from the EzRpcServer, which needs this object first: set right after.
  kj::Timer* timer = nullptr;

 protected:
  kj::Promise<void> echo(EchoContext context) override {
    context.getResults().setText(context.getParams().getText());
    return kj::READY_NOW;
  }
  kj::Promise<void> add(AddContext context) override {
    auto params = context.getParams();
    context.getResults().setSum(params.getA() + params.getB());
    return kj::READY_NOW;
  }
  kj::Promise<void> counter(CounterContext context) override {
    auto start = context.getParams().getStart();
    return timer->afterDelay(context.getParams().getDelayMs() * kj::MILLISECONDS).then([context, start]() mutable {
      context.getResults().setCounter(kj::heap<CounterImpl>(start));
    });
  }
  kj::Promise<void> callBack(CallBackContext context) override {
    auto request = context.getParams().getCallback().callRequest();
    request.setText(context.getParams().getText());
    auto nested = kj::heap<CalcImpl>();
    nested->timer = timer;
    request.setCalc(kj::mv(nested));
    return request.send().then([context](capnp::Response<Callback::CallResults> response) mutable {
      context.getResults().setText(kj::str("cpp:", response.getText()));
    });
  }
  kj::Promise<void> fail(FailContext context) override {
    kj::throwFatalException(KJ_EXCEPTION(FAILED, kj::str(context.getParams().getReason())));
  }
  kj::Promise<void> hold(HoldContext context) override {
    held = context.getParams().getCallback();
    return kj::READY_NOW;
  }
  kj::Promise<void> dropHeld(DropHeldContext context) override {
    held = nullptr;
    return kj::READY_NOW;
  }
  kj::Promise<void> sleep(SleepContext context) override {
    context.allowCancellation(); // capnp 0.9 cancels a call on Finish only when the method allows it
    return timer->afterDelay(context.getParams().getMs() * kj::MILLISECONDS);
  }
  kj::Promise<void> size(SizeContext context) override {
    context.getResults().setSize(context.getParams().getData().size());
    return kj::READY_NOW;
  }
  kj::Promise<void> liveCounters(LiveCountersContext context) override {
    context.getResults().setCount(::liveCounters);
    return kj::READY_NOW;
  }
  kj::Promise<void> identity(IdentityContext context) override {
    context.getResults().setCallback(context.getParams().getCallback());
    return kj::READY_NOW;
  }
  kj::Promise<void> doubler(DoublerContext context) override {
    context.getResults().setDoubler(kj::heap<DoublerImpl>(context.getParams().getStart()));
    return kj::READY_NOW;
  }
  kj::Promise<void> valueOf(ValueOfContext context) override {
    return context.getParams().getCounter().valueRequest().send().then(
        [context](capnp::Response<Counter::ValueResults> r) mutable { context.getResults().setValue(r.getValue()); });
  }
  kj::Promise<void> tail(TailContext context) override {
    auto params = context.getParams();
    if (!params.hasCalc()) {
      context.getResults().setText(kj::str("cpp:", params.getText()));
      return kj::READY_NOW;
    }
    auto request = params.getCalc().tailRequest();
    request.setText(params.getText());
    return context.tailCall(kj::mv(request));
  }
  kj::Promise<void> counters(CountersContext context) override {
    kj::Vector<kj::Promise<kj::Maybe<int64_t>>> values;
    for (auto counter : context.getParams().getCounters()) {
      // A null element reads as a broken capability: its call fails, which counts as "none".
      values.add(counter.valueRequest().send().then(
          [](capnp::Response<Counter::ValueResults> r) -> kj::Maybe<int64_t> { return r.getValue(); },
          [](kj::Exception&&) -> kj::Maybe<int64_t> { return nullptr; }));
    }
    return kj::joinPromises(values.releaseAsArray()).then([context](kj::Array<kj::Maybe<int64_t>> found) mutable {
      auto results = context.getResults();
      auto out = results.initCounters(found.size());
      int64_t total = 0;
      for (size_t i = 0; i < found.size(); i++) {
        KJ_IF_MAYBE(value, found[i]) {
          total += *value;
          out.set(i, kj::heap<CounterImpl>(*value * 10));
        }
      }
      results.setTotal(total);
    });
  }
  kj::Promise<void> later(LaterContext context) override {
    auto callback = timer->afterDelay(context.getParams().getDelayMs() * kj::MILLISECONDS).then([]() {
      return Callback::Client(kj::heap<CallbackImpl>());
    });
    context.getResults().setCallback(Callback::Client(kj::mv(callback)));
    return kj::READY_NOW;
  }
  kj::Promise<void> resolveLater(ResolveLaterContext context) override {
    Callback::Client target = context.getParams().getCallback();
    auto resolved = timer->afterDelay(context.getParams().getDelayMs() * kj::MILLISECONDS)
        .then([target]() mutable { return kj::mv(target); });
    context.getResults().setCallback(Callback::Client(kj::mv(resolved)));
    return kj::READY_NOW;
  }

 private:
  kj::Maybe<Callback::Client> held;
};

int serve(const char* socket) {
  auto calc = kj::heap<CalcImpl>();
  CalcImpl* calcPtr = calc.get();
  capnp::EzRpcServer server(kj::mv(calc), kj::str("unix:", socket));
  calcPtr->timer = &server.getIoProvider().getTimer();
  auto& waitScope = server.getWaitScope();
  server.getPort().wait(waitScope);
  say("ready");
  kj::NEVER_DONE.wait(waitScope);
  return 0;
}

// Runs `once` `rounds` times to warm up, then `rounds` times timed; the mean in microseconds.
template <typename F>
double meanMicros(int rounds, F&& once) {
  for (int i = 0; i < rounds; i++) once();
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; i++) once();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / rounds;
}

int client(const char* socket, kj::StringPtr scenario, int argc, char** argv) {
  capnp::EzRpcClient client(kj::str("unix:", socket));
  auto& ws = client.getWaitScope();
  Calc::Client calc = client.getMain<Calc>();
  if (scenario == "basic") {
    auto echo = calc.echoRequest();
    echo.setText("hello from c++");
    say(kj::str("echo=", echo.send().wait(ws).getText()));
    auto add = calc.addRequest();
    add.setA(40);
    add.setB(2);
    say(kj::str("add=", add.send().wait(ws).getSum()));
  } else if (scenario == "pipeline") {
    auto first = calc.counterRequest();
    first.setStart(40);
    first.setDelayMs(300);
    auto c1 = first.send().getCounter();
    auto c2 = c1.nextRequest().send().getCounter();
    auto c3 = c2.nextRequest().send().getCounter();
    say(kj::str("value=", c3.valueRequest().send().wait(ws).getValue()));
  } else if (scenario == "callback") {
    auto request = calc.callBackRequest();
    request.setText("ping");
    request.setCallback(kj::heap<CallbackImpl>());
    say(kj::str("callback=", request.send().wait(ws).getText()));
    // Give the peer's Release time to arrive so the destructor line comes before we exit.
    client.getIoProvider().getTimer().afterDelay(200 * kj::MILLISECONDS).wait(ws);
  } else if (scenario == "fail") {
    auto request = calc.failRequest();
    request.setReason("cpp asked for it");
    request.send().then([](auto) { say("fail=no exception"); },
                        [](kj::Exception&& e) { say(kj::str("fail=", e.getDescription())); }).wait(ws);
  } else if (scenario == "hold") {
    auto hold = calc.holdRequest();
    hold.setCallback(kj::heap<CallbackImpl>());
    hold.send().wait(ws);
    say("held");
    client.getIoProvider().getTimer().afterDelay(100 * kj::MILLISECONDS).wait(ws);
    calc.dropHeldRequest().send().wait(ws);
    say("dropped");
    client.getIoProvider().getTimer().afterDelay(200 * kj::MILLISECONDS).wait(ws);
  } else if (scenario == "concurrent") {
    kj::Vector<kj::Promise<void>> calls;
    int ok = 0;
    for (int i = 0; i < 100; i++) {
      auto request = calc.echoRequest();
      auto text = kj::str("call ", i);
      request.setText(text);
      calls.add(request.send().then([&ok, text = kj::mv(text)](capnp::Response<Calc::EchoResults> r) {
        if (r.getText() == text) ok++;
      }));
    }
    kj::joinPromises(calls.releaseAsArray()).wait(ws);
    say(kj::str("concurrent=", ok));
  } else if (scenario == "inherit") {
    // Methods a Doubler inherits from Counter, called on the Java Doubler with Counter's interface id.
    auto request = calc.doublerRequest();
    request.setStart(20);
    auto doubler = request.send().getDoubler();
    auto twice = doubler.twiceRequest();
    twice.setX(21);
    say(kj::str("twice=", twice.send().wait(ws).getX2()));
    say(kj::str("value=", doubler.valueRequest().send().wait(ws).getValue()));
    Counter::Client counter = doubler;
    say(kj::str("next=", counter.nextRequest().send().getCounter().valueRequest().send().wait(ws).getValue()));
  } else if (scenario == "pipeline-param") {
    // The counter of a call still running on the Java side goes back to it in a second call: the
    // Java side gets a receiverAnswer naming its own unanswered call.
    auto first = calc.counterRequest();
    first.setStart(41);
    first.setDelayMs(300);
    auto counterPromise = first.send();
    auto valueOf = calc.valueOfRequest();
    valueOf.setCounter(counterPromise.getCounter());
    auto value = valueOf.send();
    auto next = counterPromise.getCounter().nextRequest().send().getCounter().valueRequest().send();
    say(kj::str("valueOf=", value.wait(ws).getValue()));
    say(kj::str("next=", next.wait(ws).getValue()));
  } else if (scenario == "pipeline-back") {
    // identity() hands our own callback back; the call on it goes out before the answer, so the Java
    // side must pass it back here (and answer the Disembargo that follows).
    auto identity = calc.identityRequest();
    identity.setCallback(kj::heap<CallbackImpl>());
    auto callback = identity.send().getCallback();
    auto call = callback.callRequest();
    call.setText("back");
    say(kj::str("back=", call.send().wait(ws).getText()));
    auto again = callback.callRequest();
    again.setText("again");
    say(kj::str("again=", again.send().wait(ws).getText()));
  } else if (scenario == "forward-items") {
    // A call pipelined on identity(our callback) whose params hold capabilities in a list of structs:
    // the Java side forwards it back here, then forwards the results (the same items) back too.
    auto identity = calc.identityRequest();
    identity.setCallback(kj::heap<CallbackImpl>());
    auto callback = identity.send().getCallback();
    auto gather = callback.gatherRequest();
    auto items = gather.initItems(2);
    items[0].setName("java calc");
    items[0].setCalc(calc);
    items[1].setName("cpp calc");
    items[1].setCalc(kj::heap<CalcImpl>());
    auto response = gather.send().wait(ws);
    say(kj::str("gather=", response.getText()));
    kj::Vector<kj::String> again;
    auto returned = response.getItems();
    for (uint i = 0; i < returned.size(); i++) {
      auto request = returned[i].getCalc().echoRequest();
      request.setText(kj::str(returned[i].getName(), " again"));
      again.add(kj::str(request.send().wait(ws).getText()));
    }
    say(kj::str("returned=", kj::strArray(again, ",")));
  } else if (scenario == "cancel") {
    {
      auto request = calc.sleepRequest();
      request.setMs(30000);
      auto promise = request.send();
      client.getIoProvider().getTimer().afterDelay(300 * kj::MILLISECONDS).wait(ws);
    }  // dropping the promise sends Finish
    auto echo = calc.echoRequest();
    echo.setText("after cancel");
    say(kj::str("echo=", echo.send().wait(ws).getText()));
    // Stay connected a while, so the Java side can see the cancellation come from Finish alone.
    client.getIoProvider().getTimer().afterDelay(3 * kj::SECONDS).wait(ws);
  } else if (scenario == "sleep") {
    auto request = calc.sleepRequest();
    request.setMs(30000);
    auto promise = request.send();
    // Run the event loop a while so the call really goes out before we say so.
    client.getIoProvider().getTimer().afterDelay(300 * kj::MILLISECONDS).wait(ws);
    say("sleeping");
    promise.wait(ws);
    say("woke up");
  } else if (scenario == "bench-echo" && argc > 0) {
    int rounds = atoi(argv[0]);
    auto once = [&]() {
      auto request = calc.echoRequest();
      request.setText("ping");
      request.send().wait(ws);
    };
    printf("mean_us=%.2f\n", meanMicros(rounds, once));
  } else if (scenario == "bench-data" && argc > 1) {
    int rounds = atoi(argv[0]);
    size_t bytes = strtoul(argv[1], nullptr, 10);
    int round = 0;
    auto once = [&]() {
      auto request = calc.sizeRequest();
      auto data = request.initData(bytes);
      memset(data.begin(), round++ & 0xff, bytes);
      request.send().wait(ws);
    };
    printf("mean_us=%.2f\n", meanMicros(rounds, once));
  } else {
    say(kj::str("unknown scenario ", scenario));
    return 2;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && strcmp(argv[1], "server") == 0) {
    return serve(argv[2]);
  }
  if (argc >= 4 && strcmp(argv[1], "client") == 0) {
    return client(argv[2], argv[3], argc - 4, argv + 4);
  }
  fprintf(stderr, "usage: rpc_peer server SOCKET | rpc_peer client SOCKET SCENARIO [ARGS]\n");
  return 2;
}
