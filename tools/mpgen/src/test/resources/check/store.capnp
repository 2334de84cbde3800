# Schema of the fixture org.btcmp.mpgen.mapping.fixtures.Store: agrees with it in every rule.
@0xd1f2b3a4c5d6e7f8;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";

interface Store $Java.wraps("org.btcmp.mpgen.mapping.fixtures.Store") {
  destroy @0 (context :Proxy.Context) -> ();
  echo @1 (context :Proxy.Context, text :Text) -> (result :Text);
  primitives @2 (context :Proxy.Context, b :Int8, s :Int16, c :UInt16, i :Int32, l :UInt64, f :Float32, d :Float64, flag :Bool) -> (result :Int16);
  bytes @3 (context :Proxy.Context, in :Data) -> (result :Data);
  list @4 (context :Proxy.Context, in :List(Int64)) -> (result :List(Text));
  map @5 (context :Proxy.Context, in :List(IntStrings)) -> (result :List(TextItem));
  find @6 (context :Proxy.Context, label :Text, kind :Kind, hasKind :Bool) -> (result :Item, hasResult :Bool);
  height @7 (context :Proxy.Context) -> (result :Int32, hasResult :Bool);
  kind @8 (context :Proxy.Context, in :Kind) -> (result :Kind);
  child @9 (context :Proxy.Context, name :Text) -> (result :Store);
  subscribe @10 (context :Proxy.Context, listener :ItemCallback) -> ();
  apply @11 (context :Proxy.Context, function :TextFunction) -> (result :Int32);
  split @12 (context :Proxy.Context, text :Text) -> (head :Text, count :Int32);
  when @13 (context :Proxy.Context, at :Int64 $Java.converter("org.example.InstantMillis")) -> (result :Int64 $Java.converter("org.example.InstantMillis"));
  size @14 (context :Proxy.Context) -> (result :Int64) $Java.name("getSize");
}

enum Kind $Java.wraps("org.btcmp.mpgen.mapping.fixtures.Store$Kind") {
  plain @0;
  withParts @1;
}

struct Item $Java.wraps("org.btcmp.mpgen.mapping.fixtures.Store$Item") {
  label @0 :Text;
  amount @1 :Int64;
  payload @2 :Data;
  note @3 :Text;
  hasNote @4 :Bool;
  kind @5 :Kind;
  tags @6 :List(Int32);
}

struct IntStrings {
  key @0 :Int32;
  value @1 :List(Text);
}

struct TextItem {
  key @0 :Text;
  value @1 :Item;
}

interface ItemCallback {
  destroy @0 (context :Proxy.Context) -> ();
  call @1 (context :Proxy.Context, item :Item) -> ();
}

interface TextFunction {
  destroy @0 (context :Proxy.Context) -> ();
  call @1 (context :Proxy.Context, text :Text) -> (result :Int32);
}
