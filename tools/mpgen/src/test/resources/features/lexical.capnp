@0xc3a1e5d2f4b60791;
# Number and string spellings the C++ lexer accepts, some of them surprising.

struct Numbers {
  trailingDot @0 :Float64 = 3.;
  dotThenExponent @1 :Float64 = 3.e2;
  leadingZeros @2 :Float64 = 00.5;
  zeroExponent @3 :Float32 = 0e5;
  upperExponent @4 :Float64 = 2E-3;
  octal @5 :UInt16 = 0777;
  zero @6 :Int8 = 0;
  # Integers wrap modulo 2^64 while they are read.
  wrapped @7 :UInt64 = 18446744073709551617;
  wrappedHex @8 :UInt64 = 0x1ffffffffffffffff;
  wrappedToFloat @9 :Float64 = 99999999999999999999999;
  wrappedNegative @10 :Int64 = -18446744073709551617;
  hugeFloat @11 :Float64 = 1e400;
}

struct Strings {
  hexEscape @0 :Text = "\x41\x7e";
  octalEscapes @1 :Text = "\101\7\0101";
  simpleEscapes @2 :Text = "\a\b\f\n\r\t\v\'\"\\\?";
  bytesWithSpaces @3 :Data = 0x"	01 02
    0a ff ";
}

const justDot :Float32 = 1.;
