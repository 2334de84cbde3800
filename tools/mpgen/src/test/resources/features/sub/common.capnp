@0x8718293a4b5c6d7e;

struct Common {
  enum Kind { a @0; b @1; }
  kind @0 :Kind;
  id @1 :UInt64;
}
