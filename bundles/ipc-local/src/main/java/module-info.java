/**
 * The in-process transport: the monolithic deployment. Connecting hands over the served Init
 * object itself, so calls cost what a Java call costs.
 */
module org.btcmp.ipc.local {
    requires org.btcmp.ipc;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
