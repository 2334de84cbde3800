@0xc9d0e1f203142536;
using Other = import "cycle.capnp";

struct B {
  a @0 :Other.A;
}
