package org.btcmp.ipc;

import org.btcmp.interfaces.Init;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One way to carry calls between an {@link Init} and its callers. Registered as an OSGi service
 * (property {@value #SCHEME_PROPERTY} = the scheme it serves); installing or stopping a transport
 * bundle adds or removes a way to connect without touching its consumers.
 *
 * <p>Every method throws {@link IpcException} once the transport has been stopped, so a caller that
 * fetched the service just before it went away sees an IpcException, never a null or a crash.
 */
@ProviderType
public interface Transport {

    /** Service property naming the address scheme a transport handles. */
    String SCHEME_PROPERTY = "ipc.scheme";

    /** The address scheme this transport handles, e.g. {@code local} or {@code unix}. */
    String scheme();

    /** Whether {@link #serve} and {@link #connect} accept {@code address}. */
    default boolean supports(IpcAddress address) {
        return scheme().equals(address.scheme());
    }

    /**
     * Serves {@code init} at {@code address} until the returned server is closed or the transport stops.
     *
     * @throws IpcException if the address is taken, unsupported or cannot be bound
     */
    Server serve(IpcAddress address, Init init);

    /**
     * Connects to the {@link Init} served at {@code address}.
     *
     * @throws IpcException if nobody serves it, or the transport has stopped
     */
    Connection connect(IpcAddress address);
}
