@0xe0c8a3f2b1d4e5a6;
# Field placement: hole filling, unions, groups, retroactive unions.

struct Holes {
  a @0 :Bool;
  b @1 :UInt64;
  c @2 :UInt8;
  d @3 :UInt16;
  e @4 :Bool;
  f @5 :UInt32;
  g @6 :Int8;
  h @7 :Float32;
  i @8 :Text;
  j @9 :Float64;
  k @10 :Int16;
  l @11 :Void;
  m @12 :Data;
}

struct Unions {
  x @0 :UInt32;
  union {
    a @1 :Bool;
    b @2 :UInt64;
    c @3 :Text;
    d @4 :Void;
    e @9 :UInt16;
  }
  named :union {
    p @5 :UInt8;
    q @6 :List(UInt32);
    r :group {
      s @7 :Int32;
      t @8 :Bool;
      u @10 :Text;
    }
  }
  y @11 :Int64;
}

struct Groups {
  g1 :group {
    a @0 :UInt16;
    inner :group {
      b @1 :Bool;
      c @2 :Text;
    }
  }
  g2 :group {
    union {
      x @3 :UInt32;
      y @4 :Float64;
      z :group {
        zz @5 :UInt8;
        zzz @6 :UInt8;
      }
      deep :union {
        d1 @7 :Bool;
        d2 @8 :UInt64;
      }
    }
  }
  last @9 :UInt8;
}

struct Retro {
  a @0 :UInt32;
  u @2! :union {
    b @1 :UInt16;
    c @3 :Text;
  }
}

struct Empty {}

struct OnlyVoid {
  v @0 :Void;
  w @1 :Void;
}

struct UnionsOfGroups {
  union {
    a :group {
      a1 @0 :UInt64;
      a2 @1 :Bool;
    }
    b :group {
      b1 @2 :Bool;
      b2 @3 :UInt32;
      b3 @4 :UInt64;
    }
    c @5 :Void;
  }
}
