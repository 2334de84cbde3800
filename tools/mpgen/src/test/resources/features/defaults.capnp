@0xa1b2c3d4e5f60718;
# Default values and constants of every type.

enum Mood { happy @0; sad @1; meh @2; }

struct Point {
  x @0 :Int32 = 7;
  y @1 :Float64 = 1.5;
  label @2 :Text = "pt";
  union {
    none @3 :Void;
    tag @4 :UInt16 = 3;
  }
  extra :group {
    flag @5 :Bool = true;
    note @6 :Text;
  }
}

struct AllDefaults {
  v @0 :Void = void;
  b @1 :Bool = true;
  i8 @2 :Int8 = -128;
  i16 @3 :Int16 = -12345;
  i32 @4 :Int32 = -2147483648;
  i64 @5 :Int64 = -9223372036854775808;
  u8 @6 :UInt8 = 255;
  u16 @7 :UInt16 = 0xffff;
  u32 @8 :UInt32 = 017;
  u64 @9 :UInt64 = 18446744073709551615;
  f32 @10 :Float32 = 3.25e10;
  f64 @11 :Float64 = -1.0e-300;
  finf @12 :Float64 = inf;
  fninf @13 :Float32 = -inf;
  fnan @14 :Float64 = nan;
  fint @15 :Float32 = 12;
  fneg @16 :Float64 = -3;
  text @17 :Text = "hello \"world\"\n\x41\101";
  data @18 :Data = 0x"de ad be ef";
  dataText @19 :Data = "bytes";
  mood @20 :Mood = sad;
  point @21 :Point = (x = -1, label = "origin", tag = 9, extra = (flag = false, note = "n"));
  points @22 :List(Point) = [(x = 1), (y = 2.5), (none = void)];
  ints @23 :List(Int32) = [1, -2, 3];
  bools @24 :List(Bool) = [true, false, true, true, false, false, false, false, true];
  texts @25 :List(Text) = ["a", "bc", ""];
  nested @26 :List(List(UInt8)) = [[1, 2], [], [3]];
  moods @27 :List(Mood) = [meh, happy];
  fromConst @28 :Int32 = .answer;
  fromStructConst @29 :Point = .origin;
  concatenated @30 :Text = "abc" "def";
  datas @31 :List(Data) = [0x"01", "x"];
  floats @32 :List(Float32) = [1.5, -2, inf];
  emptyStruct @33 :Point = ();
  voids @34 :List(Void) = [void, void];
}

const answer :Int32 = 42;
const origin :Point = (x = 0, y = 0, label = "zero");
const greeting :Text = "hi";
const blob :Data = 0x"00 01 02";
const many :List(Text) = ["x", "y"];
const mood :Mood = meh;
const copy :Int64 = .answer;
const pi :Float64 = 3.14159;
const nothing :Void = void;
const yes :Bool = true;
const nestedPoint :Point = .origin;
const pointList :List(Point) = [.origin, (x = 5)];
const embeddedText :Text = embed "inc/lib/embedded.txt";
const embeddedData :Data = embed "inc/lib/embedded.bin";
const embeddedPoint :Point = embed "inc/lib/point.bin";
