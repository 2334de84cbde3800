package org.btcmp.primitives.script;

/** Verification flags, as Core's SCRIPT_VERIFY_* (consensus ones and the policy ones we check). */
public final class ScriptFlags {
    public static final int P2SH = 1;
    public static final int STRICTENC = 1 << 1;
    public static final int DERSIG = 1 << 2;
    public static final int LOW_S = 1 << 3;
    public static final int NULLDUMMY = 1 << 4;
    public static final int SIGPUSHONLY = 1 << 5;
    public static final int MINIMALDATA = 1 << 6;
    public static final int DISCOURAGE_UPGRADABLE_NOPS = 1 << 7;
    public static final int CLEANSTACK = 1 << 8;
    public static final int CHECKLOCKTIMEVERIFY = 1 << 9;
    public static final int CHECKSEQUENCEVERIFY = 1 << 10;
    public static final int WITNESS = 1 << 11;
    public static final int DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM = 1 << 12;
    public static final int MINIMALIF = 1 << 13;
    public static final int NULLFAIL = 1 << 14;
    public static final int WITNESS_PUBKEYTYPE = 1 << 15;
    public static final int CONST_SCRIPTCODE = 1 << 16;
    public static final int TAPROOT = 1 << 17;

    /** What Core's policy adds on top of consensus for mempool acceptance. */
    public static final int STANDARD_EXTRA = STRICTENC | LOW_S | SIGPUSHONLY | MINIMALDATA | CLEANSTACK
            | MINIMALIF | NULLFAIL | WITNESS_PUBKEYTYPE | NULLDUMMY | DISCOURAGE_UPGRADABLE_NOPS
            | DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM | CONST_SCRIPTCODE;

    private ScriptFlags() {
    }
}
