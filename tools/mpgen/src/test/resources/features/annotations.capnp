@0xd4e5f60718293a4b;
# Annotations on every kind of node, with values, from another file.

using Lib = import "inc/lib/annot.capnp";
using Cxx = import "/capnp/c++.capnp";

annotation everywhere(*) :Text;
annotation flag(struct, field, enum, enumerant, interface, method, param, union, group, const, annotation, file) :Void;
annotation number(field) :Int32;
annotation structValue(struct) :Lib.Setting;
annotation listValue(enum) :List(UInt16);

$everywhere("file");
$Lib.fileTag("tagged");
$Cxx.namespace("test::annotations");

struct Annotated $everywhere("struct") $flag $structValue(name = "s", level = 3) {
  a @0 :Int32 $number(5) $flag;
  u :union $flag {
    b @1 :Bool;
    c @2 :Text $everywhere("c");
  }
  g :group $everywhere("g") {
    d @3 :UInt8;
  }
}

enum E $listValue([1, 2, 3]) {
  x @0 $flag;
  y @1 $everywhere("y");
}

interface I $flag {
  m @0 (p :Int32 $flag) -> (r :Text $everywhere("r")) $everywhere("m");
}

const c :Int32 = 1 $flag;

annotation ann(field) :Text $flag;
