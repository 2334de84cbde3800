@0xf60718293a4b5c6d;
# Imports through the import path (-I) and relative ones; using from another file.

using import "/sub/common.capnp".Common;
using Other = import "types.capnp";

struct UsesImports {
  common @0 :Common;
  color @1 :Other.Color;
  nested @2 :import "types.capnp".Outer.Nested;
  absolute @3 :Common.Kind;
}

struct UsesLazily {
  used @0 :import "inc/broken/lazy.capnp".Used;
}
