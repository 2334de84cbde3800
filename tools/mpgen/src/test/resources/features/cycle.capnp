@0xb8c9d0e1f2031425;
using Other = import "cycle2.capnp";

struct A {
  b @0 :Other.B;
  self @1 :A;
}
