# The type hook test schema: one method per family, for Hooks (src/test/java).
@0xd5e3a1f07c2b4e91;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";

interface Hooks $Java.wraps("org.btcmp.ipc.capnp.proxy.hooks.Hooks") {
    construct @0 (threadMap :Proxy.ThreadMap) -> (threadMap :Proxy.ThreadMap);
    destroy @1 (context :Proxy.Context) -> ();
    roundTrip @2 (context :Proxy.Context, value :Everything) -> (result :Everything);
    next @3 (context :Proxy.Context, color :Color) -> (result :Color);
    split @4 (context :Proxy.Context, text :Text) -> (head :Text, length :Int32, empty :Bool, total :Int64);
    sum @5 (context :Proxy.Context, values :List(Int32)) -> (result :Int32);
    ratio @6 (context :Proxy.Context, a :Float64, b :Float64) -> (result :Float64, hasResult :Bool);
    upper @7 (context :Proxy.Context, words :List(Text)) -> (result :List(Text));
    work @8 (context :Proxy.Context, steps :Int32, progress :Progress) -> ();
    keep @9 (context :Proxy.Context, progress :Progress) -> ();
    fire @10 (context :Proxy.Context, total :Int32) -> (result :Int32);
    each @11 (context :Proxy.Context, values :List(Text), consumer :TextConsumer) -> ();
    map @12 (context :Proxy.Context, values :List(Int32), function :IntToText) -> (result :List(Text));
    supply @13 (context :Proxy.Context, supplier :TextSupplier) -> (result :Text);
    repeat @14 (context :Proxy.Context, task :Task, times :Int32) -> (result :Int32);
    relay @15 (context :Proxy.Context, listeners :List(Progress)) -> (result :List(Progress));
    transpose @16 (context :Proxy.Context, rows :List(List(Int32))) -> (result :List(List(Int32)));
    runAll @17 (context :Proxy.Context, tasks :List(Task)) -> (result :Int32);
}

# java.util.function types as callback interfaces (libmultiprocess's std::function): one method
# besides destroy, no $Java.wraps (the Java type comes from the method using it).
interface TextConsumer {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context, value :Text) -> ();
}

interface IntToText {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context, value :Int32) -> (result :Text);
}

interface TextSupplier {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context) -> (result :Text);
}

interface Task {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context) -> ();
}

interface Progress $Java.wraps("org.btcmp.ipc.capnp.proxy.hooks.Hooks$Progress") {
    step @0 (context :Proxy.Context, done :Int32, total :Int32) -> ();
}

enum Color $Java.wraps("org.btcmp.ipc.capnp.proxy.hooks.Hooks$Color") {
    red @0;
    darkGreen @1;
    blue @2;
}

struct Point $Java.wraps("org.btcmp.ipc.capnp.proxy.hooks.Hooks$Point") {
    x @0 :Int32;
    y @1 :Int32;
}

struct Total {
    key @0 :Text;
    value @1 :Int64;
}

struct Everything $Java.wraps("org.btcmp.ipc.capnp.proxy.hooks.Hooks$Everything") {
    flag @0 :Bool;
    i8 @1 :Int8;
    i16 @2 :Int16;
    letter @3 :UInt16;
    i32 @4 :Int32;
    i64 @5 :Int64;
    f32 @6 :Float32;
    f64 @7 :Float64;
    text @8 :Text;
    bytes @9 :Data;
    color @10 :Color;
    ints @11 :List(Int32);
    names @12 :List(Text);
    totals @13 :List(Total);
    nickname @14 :Text;
    hasNickname @15 :Bool;
    big @16 :Int64;
    hasBig @17 :Bool;
    points @18 :List(Point);
}
