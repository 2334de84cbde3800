package org.btcmp.interfaces;

import org.osgi.annotation.versioning.ProviderType;

/** One block template from {@link Mining#createNewBlock}: header and block bytes, and solution submission. */
@ProviderType
public interface BlockTemplate {
    /** The 80-byte header with a zero nonce. */
    byte[] getBlockHeader();

    /** The whole serialized block. */
    byte[] getBlock();

    /** The serialized coinbase transaction. */
    byte[] getCoinbaseTx();

    /**
     * Submits the template with the given header fields and coinbase; true when the node accepted
     * the block as valid.
     */
    boolean submitSolution(int version, long timestamp, long nonce, byte[] coinbaseTx);
}
