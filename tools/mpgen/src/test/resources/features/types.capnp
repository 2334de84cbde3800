@0xf1a2b3c4d5e6f708;
# Enums, nested declarations, explicit ids, lists of everything, using.

enum Color {
  red @0;
  green @2;
  blue @1;
}

struct Outer @0xcafebabecafef00d {
  enum Inner {
    zero @0;
    one @1;
  }
  struct Nested {
    value @0 :Inner;
    struct Deeper {
      x @0 :Int32;
    }
  }
  inner @0 :Inner;
  nested @1 :Nested;
  deeper @2 :Nested.Deeper;
  color @3 :Color;
  lists :group {
    voids @4 :List(Void);
    bools @5 :List(Bool);
    i8 @6 :List(Int8);
    i16 @7 :List(Int16);
    i32 @8 :List(Int32);
    i64 @9 :List(Int64);
    u8 @10 :List(UInt8);
    u16 @11 :List(UInt16);
    u32 @12 :List(UInt32);
    u64 @13 :List(UInt64);
    f32 @14 :List(Float32);
    f64 @15 :List(Float64);
    texts @16 :List(Text);
    datas @17 :List(Data);
    structs @18 :List(Nested);
    enums @19 :List(Color);
    nestedLists @20 :List(List(Text));
    caps @21 :List(Service);
  }
  any @22 :AnyPointer;
  anyStruct @23 :AnyStruct;
  anyList @24 :AnyList;
  cap @25 :Capability;
}

interface Service {}

using Alias = Outer.Nested;
using OtherColor = Color;

struct UsesAliases {
  a @0 :Alias;
  b @1 :OtherColor;
  c @2 : .Outer.Inner;
}
