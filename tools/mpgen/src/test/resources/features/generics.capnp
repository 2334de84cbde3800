@0xc3d4e5f607182930;
# Generic structs and interfaces, bindings, inheritance of parameters.

struct Pair(A, B) {
  first @0 :A;
  second @1 :B;
  struct Inner {
    a @0 :A;
    list @1 :List(Pair(A, B));
    b @2 :B;
  }
  inner @2 :Inner;
}

struct Box(T) {
  value @0 :T;
  pair @1 :Pair(T, Text);
  self @2 :Box(T);
}

struct Uses {
  textData @0 :Pair(Text, Data);
  boxed @1 :Box(List(Int32));
  inner @2 :Pair(Text, Data).Inner;
  nestedBox @3 :Box(Box(Text));
  anyPair @4 :Pair;
  withStruct @5 :Pair(Uses, AnyPointer);
  cap @6 :Pair(Iface(Text), Uses);
}

interface Iface(X) {
  call @0 (x :X) -> (p :Pair(X, X));
}

using TextPair = Pair(Text, Text);

struct UsesAlias {
  p @0 :TextPair;
}

const pairConst :Pair(Text, Data) = (first = "a", second = "b");
