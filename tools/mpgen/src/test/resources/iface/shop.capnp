@0xe1f2a3b4c5d6e7f8;
# Interfaces for the generated-code tests: capabilities in params and results (direct, in a union, in a
# named struct, lists and lists of lists of them), a method taking and returning named structs, an empty method, and inheritance.

using Java = import "/mpgen/java.capnp";
$Java.package("org.btcmp.mpgen.iface");
$Java.outerClassname("Shop");

interface Register {
  open @0 (owner :Text, auditor :Auditor) -> (till :Till, receipt :Receipt);
  order @1 Order -> Receipt;
  nothing @2 () -> ();
  team @3 (auditors :List(Auditor), note :Text) -> (tills :List(Till), seen :List(UInt32));
  struct Note { text @0 :Text; }
}

interface Auditor {
  note @0 (line :Text) -> (seen :UInt32);
}

interface Till extends(Auditor) {
  add @0 (cents :Int64) -> (total :Int64, till :Till);
}

struct Order {
  item @0 :Text;
  by :union {
    nobody @1 :Void;
    auditor @2 :Auditor;
  }
}

struct Receipt {
  till @0 :Till;
  lines @1 :List(Text);
  auditors @2 :List(Auditor);
  shifts @3 :List(List(Till));
}
