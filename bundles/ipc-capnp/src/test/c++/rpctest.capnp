# The interfaces our RPC interop tests call both ways; one method per feature. The Java side uses the
# classes mpgen generates from this file (org.btcmp.ipc.capnp.rpc.Rpctest, see the pom).
@0xd4e1a3f26b8c9a01;

interface Calc {
  echo @0 (text :Text) -> (text :Text);
  add @1 (a :Int64, b :Int64) -> (sum :Int64);
  counter @2 (start :Int64, delayMs :UInt32) -> (counter :Counter);
  callBack @3 (callback :Callback, text :Text) -> (text :Text);
  fail @4 (reason :Text) -> ();
  hold @5 (callback :Callback) -> ();
  dropHeld @6 () -> ();
  sleep @7 (ms :UInt32) -> ();
  size @8 (data :Data) -> (size :UInt64);
  liveCounters @9 () -> (count :Int64);
  identity @10 (callback :Callback) -> (callback :Callback);
  later @11 (delayMs :UInt32) -> (callback :Callback);
  # A callback that exists only after delayMs: until then the result is a promise (C++ server only).
  resolveLater @12 (callback :Callback, delayMs :UInt32) -> (callback :Callback);
  # A promise that resolves, after delayMs, to the callback passed in (C++ server only): for a Java
  # callback, the promise resolves back to the caller's own object (embargo).
  doubler @13 (start :Int64) -> (doubler :Doubler);
  valueOf @14 (counter :Counter) -> (value :Int64);
  # counter.value(): a caller may pass the pipelined counter of its own call still running here.
  tail @15 (calc :Calc, text :Text) -> (text :Text);
  # With a calc: that calc's tail(text) as a tail call (the C++ server's results come from the caller's
  # own object: sendResultsTo.yourself, then Return.takeFromOtherQuestion). Without: "<side>:" + text.
  counters @16 (counters :List(Counter)) -> (counters :List(Counter), total :Int64);
  # A List(Interface) both ways: total is the sum of the given counters' values (a null element counts
  # 0), and counters holds, per element, a new counter at ten times its value (null for a null one).
}

interface Counter {
  next @0 () -> (counter :Counter);
  value @1 () -> (value :Int64);
}

interface Doubler extends(Counter) {
  # A Counter (its value is start, next() a plain Counter at start + 1) that also doubles: calls of the
  # inherited methods carry Counter's interface id.
  twice @0 (x :Int64) -> (x2 :Int64);
}

interface Callback {
  call @0 (text :Text, calc :Calc) -> (text :Text);
  gather @1 (items :List(Item)) -> (items :List(Item), text :Text);
  # text: each item's calc.echo(name), joined with ","; items: the params' items, handed back.
}

struct Item {
  name @0 :Text;
  calc @1 :Calc;
}
