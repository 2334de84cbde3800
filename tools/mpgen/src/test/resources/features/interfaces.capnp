@0xb2c3d4e5f6071829;
# Interfaces: methods, param/result structs, extends, streaming, generics on methods.

using Stream = import "/capnp/stream.capnp";

interface Base {
  ping @0 () -> ();
  echo @1 (text :Text, count :UInt32 = 1) -> (reply :Text);
}

interface Derived extends(Base) {
  make @0 () -> (thing :Base);
  byStruct @1 Args -> Results;
  write @2 (bytes :Data) -> stream;
  generic @3 [T, U] (value :T, u :U) -> (result :T, list :List(Text));
  defaults @4 (a :Int32 = -5, b :Text = "x", c :Base = null) -> ();
  noResults @5 (x :Bool);
}

struct Args { a @0 :Int32; }
struct Results { b @0 :Text; }

interface Multi extends(Base, Derived) {
  done @0 () -> ();
}

interface Generic(T) {
  get @0 () -> (value :T);
  put @1 (value :T) -> ();
  nested @2 [M] (m :M, t :T) -> (g :Generic(M));
}
