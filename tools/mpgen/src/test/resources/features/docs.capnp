@0xa7b8c9d0e1f20314;  # The file's doc comment.
# Second line of it.

struct Documented {
  # Early doc comment of the struct.
  a @0 :Int32;  # Doc of a.
  b @1 :Text;
  # Doc of b, on the next line.
  #Without a space.

  c @2 :Bool;

  # Not a doc comment: a blank line separates it.
  g :group {
    # Doc of the group.
    d @3 :UInt8;  # Doc of d.
  }
  union {
    e @4 :Void;  # Doc of e.
    f @5 :Void;
  }
}
# Late doc comment is ignored when an early one exists.

enum Kind {
  one @0;  # Doc of one.
  two @1;
}
# Late doc comment of Kind.

interface Service {
  call @0 (x :Int32) -> ();  # Doc of call.
}

const k :Int32 = 1;  # Doc of k.
