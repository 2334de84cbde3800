package org.btcmp.gui.model;

/**
 * The send form's rules, in one place for the form and its tests: a valid address of the node's
 * network and an amount the spendable balance covers. Fees are the wallet's business (it refuses a
 * send it cannot fund, and the form shows that refusal).
 */
public final class SendCheck {
    private SendCheck() {
    }

    /** What the form shows under each field; both null means the form may be sent. */
    public record Result(String addressError, String amountError, long satoshis) {
        public boolean ok() {
            return addressError == null && amountError == null;
        }
    }

    public static Result check(String address, String amount, Network network, long spendable) {
        String addressError = AddressCheck.problem(address, network);
        BtcAmount.Parsed parsed = BtcAmount.parse(amount);
        String amountError = parsed.error();
        if (parsed.ok() && parsed.satoshis() > spendable) {
            amountError = "Amount exceeds your spendable balance of " + BtcAmount.format(spendable) + " BTC";
        }
        return new Result(addressError, amountError, parsed.ok() ? parsed.satoshis() : 0);
    }
}
