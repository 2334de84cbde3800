@0xe1f2031425364758;
# Imported, but only Used is needed: like capnp, mpgen never compiles the rest, so its errors do not count.

using Missing = import "does-not-exist.capnp";

struct Used {
  x @0 :UInt8;
}

struct Broken {
  y @0 :NoSuchType;
}
