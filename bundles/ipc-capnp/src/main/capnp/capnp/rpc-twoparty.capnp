# The two-party vat network's types (one client, one server on a stream), matching the C++ library's
# capnp/rpc-twoparty.capnp in file id, names, ordinals and types. Written for btcmp from those facts.
@0xa184c7885cdaf2a1;

using Java = import "/mpgen/java.capnp";
$Java.package("org.btcmp.ipc.capnp.rpc.schema");
$Java.outerClassname("RpcTwoParty");

enum Side {
  server @0;
  client @1;
}

struct VatId {
  side @0 :Side;
}

struct ProvisionId {
  joinId @0 :UInt32;
}

struct RecipientId {}

struct ThirdPartyCapId {}

struct JoinKeyPart {
  joinId @0 :UInt32;
  partCount @1 :UInt16;
  partNum @2 :UInt16;
}

struct JoinResult {
  joinId @0 :UInt32;
  succeeded @1 :Bool;
  cap @2 :AnyPointer;
}
