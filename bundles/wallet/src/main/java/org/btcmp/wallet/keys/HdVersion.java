package org.btcmp.wallet.keys;

/**
 * The four version bytes in front of a serialized extended key. Core uses xpub/xprv on mainnet and
 * tpub/tprv on every test network; BIP84's zpub/zprv exist only to check that BIP's vectors.
 */
public record HdVersion(int publicVersion, int privateVersion, boolean mainnet) {
    public static final HdVersion MAIN = new HdVersion(0x0488B21E, 0x0488ADE4, true);
    public static final HdVersion TEST = new HdVersion(0x043587CF, 0x04358394, false);
    public static final HdVersion BIP84_MAIN = new HdVersion(0x04B24746, 0x04B2430C, true);

    /** The prefix pair a version belongs to and whether it is the private one, or null if unknown. */
    static Match of(int version) {
        for (HdVersion v : new HdVersion[] {MAIN, TEST}) {
            if (version == v.publicVersion) {
                return new Match(v.mainnet, false);
            }
            if (version == v.privateVersion) {
                return new Match(v.mainnet, true);
            }
        }
        return null;
    }

    record Match(boolean mainnet, boolean isPrivate) {
    }
}
