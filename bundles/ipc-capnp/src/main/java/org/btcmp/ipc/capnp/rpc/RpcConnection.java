package org.btcmp.ipc.capnp.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.FrameHandler;
import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameException;
import org.capnproto.DecodeException;
import org.capnproto.MessageBuilder;
import org.capnproto.StructList;

/**
 * One Cap'n Proto RPC connection (two-party, Level 1) over a {@link FrameConnection}: the four tables
 * of the protocol (exports, questions, answers, imports) and one handler per message kind, named as
 * in rpc.capnp. Either side may offer a bootstrap capability and call the other's.
 *
 * <p>Messages are handled on the frame reader's thread under this object's lock, which also orders
 * every send with the table change it belongs to. Server methods run on this connection's pool, so a
 * method may itself call the peer (callbacks) and wait; the calls to one object start in the order
 * they arrived ({@link CallSequence}). A promise the peer resolves to one of our own objects is
 * called here directly once an embargo has let the calls already on their way arrive first. The state is connected until the frame
 * connection ends; from then on every outstanding and new call fails with an {@link IpcException}
 * naming why.
 */
public final class RpcConnection implements AutoCloseable {
    private final FrameConnection connection;
    private final Capability bootstrapCap;
    private final ExecutorService calls;

    // The four tables, in teardown order.
    private final ExportTable<Export> exports = new ExportTable<>();
    private final ExportTable<Question> questions = new ExportTable<>();
    private final ImportTable<Answer> answers = new ImportTable<>();
    private final ImportTable<Import> imports = new ImportTable<>();
    /** Promises resolved to our own objects, whose Disembargo has not come back yet. */
    private final ExportTable<ImportTarget> embargoes = new ExportTable<>();
    private final Map<CapTarget, Export> exportsByTarget = new IdentityHashMap<>();
    /** Per local object, the calls from this connection waiting to start; dropped with the object. */
    private final Map<LocalTarget, CallSequence> sequences = new WeakHashMap<>();

    /** Null while connected; why the connection ended, after. */
    private IpcException disconnected;
    private final AtomicLong messagesReceived = new AtomicLong();
    private final Outbox outbox;
    private volatile Thread readerThread;
    /** True while the reading thread handles a message (under the lock): calls may then run inline. */
    private boolean receiving;
    /**
     * What the reading thread runs itself once it lets go of the lock: calls served inline (see
     * {@link Server#dispatchesWithoutBlocking}) and the completion of answered questions ({@link #afterUnlock}).
     */
    private List<Runnable> inlineCalls = List.of();
    /** Work that calls out, queued under the lock and run by the thread once it lets go ({@link #flushIfOutermost}). */
    private List<Runnable> afterUnlock = new ArrayList<>();
    private volatile boolean workAfterUnlock;
    private long resolvesReceived;

    private RpcConnection(FrameConnection connection, Capability bootstrapCap) {
        this.connection = connection;
        this.bootstrapCap = bootstrapCap;
        this.outbox = new Outbox(connection);
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "capnp-call " + connection.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the RPC protocol on {@code connection} (not yet started), offering {@code bootstrap} (may be
     * null: the peer's Bootstrap then fails) to the peer. The connection keeps its own handle.
     */
    public static RpcConnection start(FrameConnection connection, Capability bootstrap) {
        RpcConnection rpc = new RpcConnection(connection, bootstrap == null ? null : bootstrap.duplicate());
        connection.start(rpc.new Receiver());
        return rpc;
    }

    /** The peer's bootstrap capability; calls on it go out at once, before the peer has answered. */
    public Capability bootstrap() {
        try {
            synchronized (this) {
                if (disconnected != null) {
                    return new Capability(new BrokenTarget(lost()));
                }
                Question question = new Question();
                question.id = questions.add(question);
                MessageBuilder message = Messages.control();
                Messages.root(message).initBootstrap().setQuestionId(question.id);
                send(message);
                // The bootstrap question is held by its pipelined capability alone.
                Capability cap = new Capability(pipelineTarget(question, new int[0]));
                question.refs--;
                question.dropPromiseRef = () -> {
                };
                return cap;
            }
        } finally {
            flushIfOutermost();
        }
    }

    public String name() {
        return connection.name();
    }

    public boolean isConnected() {
        synchronized (this) {
            return disconnected == null;
        }
    }

    /** RPC messages sent and received so far (e.g. to show that pipelined calls saved round trips). */
    public long messagesSent() {
        return outbox.sent();
    }

    public long messagesReceived() {
        return messagesReceived.get();
    }

    /** Resolve messages received so far (promises the peer sent us that settled). */
    synchronized long resolvesReceived() {
        return resolvesReceived;
    }

    /** Ends the connection; outstanding calls fail with an {@link IpcException}. */
    @Override
    public void close() {
        connection.close();
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return connection.awaitClosed(timeout);
    }

    // ---- receiving ----------------------------------------------------------------------------

    /** What the frame connection's reader thread delivers, kept off this class's public surface. */
    private final class Receiver implements FrameHandler {
        @Override
        public void onFrame(Frame frame) {
            receive(frame);
        }

        @Override
        public void onProtocolError(FrameException error) {
            sendAbort(error.getMessage());
        }

        @Override
        public void onClosed(IpcException cause) {
            disconnect(cause);
        }
    }

    private void receive(Frame frame) {
        readerThread = Thread.currentThread();
        messagesReceived.incrementAndGet();
        boolean kept = false;
        try {
            RpcProtocol.Message.Reader message = frame.message().getRoot(RpcProtocol.Message.factory);
            List<Runnable> inline;
            synchronized (this) {
                if (disconnected == null) {
                    receiving = true;
                    try {
                        kept = handleMessage(message, frame);
                    } finally {
                        receiving = false;
                    }
                }
                inline = inlineCalls;
                inlineCalls = List.of();
            }
            inline.forEach(Runnable::run); // outside the lock: a method may call other connections, a woken waiter takes it
        } catch (ProtocolViolation | DecodeException | IndexOutOfBoundsException | IllegalArgumentException e) {
            abort("bad message from the peer: " + e.getMessage());
        } finally {
            if (!kept) {
                frame.close();
            }
            flushIfOutermost();
        }
    }

    /** Connected -> Disconnected: empties the four tables; every waiting question fails with {@code cause}. */
    private void disconnect(IpcException cause) {
        List<Runnable> afterwards = new ArrayList<>();
        synchronized (this) {
            disconnected = cause;
            for (Export export : exports.eraseAll()) {
                afterwards.add(export.target::release);
            }
            exportsByTarget.clear();
            for (Question question : questions.eraseAll()) {
                question.answer.completeExceptionally(lost());
            }
            for (Answer answer : answers.eraseAll()) {
                if (answer.context != null) {
                    answer.context.cancel();
                }
                for (AnswerTarget waiter : answer.waiters) {
                    if (waiter.settle(null, lost())) {
                        afterwards.add(waiter::drain);
                    }
                }
                afterwards.add(answer::releaseResultCaps);
            }
            for (Import entry : imports.eraseAll()) {
                if (entry.target.resolution != null && entry.target.embargoed == null) {
                    afterwards.add(entry.target.resolution::close);
                }
            }
            for (ImportTarget promise : embargoes.eraseAll()) {
                for (ImportTarget.EmbargoedCall call : promise.embargoed) {
                    call.request().releaseCaps();
                    call.later().complete(RemotePromise.failed(lost()));
                }
                promise.embargoed = null;
                afterwards.add(promise.resolution::close);
            }
        }
        if (bootstrapCap != null) {
            afterwards.add(bootstrapCap::close);
        }
        afterwards.forEach(Runnable::run);
        calls.shutdown();
    }

    /** Handles one message; true if it keeps the frame (results or params still being read). */
    private boolean handleMessage(RpcProtocol.Message.Reader message, Frame frame) {
        if (Trace.ON) {
            Trace.received(this, message);
        }
        switch (message.which()) {
            case UNIMPLEMENTED -> handleUnimplemented(message.getUnimplemented());
            case ABORT -> handleAbort(message.getAbort());
            case BOOTSTRAP -> handleBootstrap(message.getBootstrap());
            case CALL -> {
                return handleCall(message.getCall(), frame);
            }
            case RETURN -> {
                return handleReturn(message.getReturn(), frame);
            }
            case FINISH -> handleFinish(message.getFinish());
            case RESOLVE -> handleResolve(message.getResolve());
            case RELEASE -> handleRelease(message.getRelease());
            case DISEMBARGO -> handleDisembargo(message.getDisembargo());
            default -> sendUnimplemented(message);
        }
        return false;
    }

    private void handleUnimplemented(RpcProtocol.Message.Reader echoed) {
        // Our own message came back: only a Call or Bootstrap leaves a question waiting.
        int questionId = switch (echoed.which()) {
            case CALL -> echoed.getCall().getQuestionId();
            case BOOTSTRAP -> echoed.getBootstrap().getQuestionId();
            default -> -1;
        };
        Question question = questionId < 0 ? null : questions.find(questionId);
        if (question != null && !question.returned) {
            question.returned = true;
            releaseExports(question.paramExports);
            question.answer.completeExceptionally(new RpcException(RpcException.Type.UNIMPLEMENTED,
                    "the peer does not implement " + echoed.which()));
            if (question.finishSent) {
                questions.erase(question.id);
            }
        }
    }

    private void handleAbort(RpcProtocol.Exception.Reader exception) {
        connection.abort(new IpcException("the peer aborted connection " + name() + ": "
                + RpcException.read(exception).getMessage()));
    }

    private void handleBootstrap(RpcProtocol.Bootstrap.Reader bootstrap) {
        Answer answer = newAnswer(bootstrap.getQuestionId());
        answer.returned = true;
        if (bootstrapCap == null) {
            answer.failure = new RpcException(RpcException.Type.FAILED, "this peer offers no bootstrap capability");
            send(Messages.exceptionReturn(answer.id, answer.failure));
        } else {
            MessageBuilder message = Messages.control();
            RpcProtocol.Return.Builder ret = Messages.root(message).initReturn();
            ret.setAnswerId(answer.id);
            ret.setReleaseParamCaps(false);
            RpcProtocol.Payload.Builder payload = ret.initResults();
            payload.getContent().getAs(CapPointer.BUILDER).set(0);
            answer.resultCaps.add(bootstrapCap.duplicate());
            answer.resultExports = writeCapTable(payload, answer.resultCaps);
            answer.results = ret.asReader().getResults().getContent();
            send(message);
        }
    }

    private boolean handleCall(RpcProtocol.Call.Reader call, Frame frame) {
        Answer answer = newAnswer(call.getQuestionId());
        RpcProtocol.Payload.Reader params = call.getParams();
        CallContext context = new CallContext(params.getContent(), readCapTable(params.getCapTable()), frame);
        answer.context = context;
        long interfaceId = call.getInterfaceId();
        short methodId = call.getMethodId();
        RpcProtocol.Call.SendResultsTo.Reader sendResultsTo = call.getSendResultsTo();
        if (sendResultsTo.isYourself()) {
            answer.resultsToSelf = true; // a tail call: the peer will take the results for a call of ours
        } else if (!sendResultsTo.isCaller()) {
            fail(answer, frame, new RpcException(RpcException.Type.UNIMPLEMENTED,
                    "results can go only to the caller or stay here (third parties are Level 3)"));
            return true;
        }
        RpcProtocol.MessageTarget.Reader target = call.getTarget();
        switch (target.which()) {
            case IMPORTED_CAP -> {
                Export export = exports.find(target.getImportedCap() & 0xffffffffL);
                if (export == null) {
                    fail(answer, frame, new RpcException(RpcException.Type.FAILED, "Call target "
                            + Integer.toUnsignedString(target.getImportedCap()) + " is not a current export"));
                } else {
                    deliver(answer, export.target, frame, interfaceId, methodId);
                }
            }
            case PROMISED_ANSWER -> {
                RpcProtocol.PromisedAnswer.Reader promised = target.getPromisedAnswer();
                Answer base = answers.find(promised.getQuestionId());
                int[] path = transform(promised);
                if (base == null) {
                    fail(answer, frame, new RpcException(RpcException.Type.FAILED, "Call target: question "
                            + Integer.toUnsignedString(promised.getQuestionId()) + " is not a current answer"));
                } else if (base.returned) {
                    deliver(answer, base.resolve(path), frame, interfaceId, methodId);
                } else {
                    base.pipelined.add(() -> deliver(answer, base.resolve(path), frame, interfaceId, methodId));
                }
            }
            default -> throw new ProtocolViolation("Call with an unknown kind of target");
        }
        return true;
    }

    private boolean handleReturn(RpcProtocol.Return.Reader ret, Frame frame) {
        Question question = questions.find(ret.getAnswerId() & 0xffffffffL);
        if (question == null) {
            throw new ProtocolViolation("Return for question " + Integer.toUnsignedString(ret.getAnswerId())
                    + ", which is not outstanding");
        }
        if (question.returned) {
            throw new ProtocolViolation("second Return for question " + question.id);
        }
        question.returned = true;
        if (ret.getReleaseParamCaps()) {
            releaseExports(question.paramExports);
        }
        question.paramExports = new int[0];
        boolean kept = false;
        switch (ret.which()) {
            case RESULTS -> {
                RpcProtocol.Payload.Reader results = ret.getResults();
                question.response = new Response(results.getContent(), readCapTable(results.getCapTable()), frame,
                        question.dropPromiseRef);
                kept = true;
                if (question.finishSent) {
                    question.response.close();
                } else {
                    Response response = question.response;
                    afterUnlock(() -> question.answer.complete(response));
                }
            }
            case EXCEPTION -> {
                RpcException failure = RpcException.read(ret.getException());
                afterUnlock(() -> question.answer.completeExceptionally(failure));
            }
            case CANCELED -> afterUnlock(() -> question.answer.completeExceptionally(
                    new RpcException(RpcException.Type.FAILED, "the call was canceled")));
            case TAKE_FROM_OTHER_QUESTION -> takeFromOtherQuestion(question, ret.getTakeFromOtherQuestion());
            default -> throw new ProtocolViolation("Return of kind " + ret.which() + ", which we never asked for");
        }
        if (question.finishSent) {
            questions.erase(question.id);
        }
        return kept;
    }

    /**
     * The peer answered {@code question} with the results of a call it made to us with its results
     * kept here (a tail call back to us): those results, once there, answer the question.
     */
    private void takeFromOtherQuestion(Question question, int answerId) {
        Answer other = answers.find(answerId);
        if (other == null || !other.resultsToSelf || other.taken) {
            throw new ProtocolViolation("Return takes the results of question " + Integer.toUnsignedString(answerId)
                    + ", which is not a call of the peer's whose results we keep");
        }
        other.taken = true;
        Runnable take = () -> {
            if (other.failure != null || other.results == null) {
                question.answer.completeExceptionally(other.failure != null ? other.failure
                        : new RpcException(RpcException.Type.FAILED, "the call was canceled"));
                return;
            }
            List<Capability> caps = new ArrayList<>();
            for (Capability cap : other.resultCaps) {
                caps.add(cap == null ? null : cap.duplicate());
            }
            question.response = new Response(other.results, caps, null, question.dropPromiseRef);
            if (question.finishSent) {
                question.response.close();
            } else {
                question.answer.complete(question.response);
            }
        };
        if (other.returned) {
            take.run();
        } else {
            other.pipelined.add(take);
        }
    }

    private void handleFinish(RpcProtocol.Finish.Reader finish) {
        Answer answer = answers.find(finish.getQuestionId());
        if (answer == null || answer.finished) {
            throw new ProtocolViolation("Finish for question " + Integer.toUnsignedString(finish.getQuestionId())
                    + ", which is not an open answer");
        }
        answer.finished = true;
        if (finish.getReleaseResultCaps()) {
            releaseExports(answer.resultExports);
        }
        answer.resultExports = new int[0];
        if (answer.returned) {
            answers.erase(answer.id);
            answer.releaseResultCaps();
        } else if (answer.context != null) {
            answer.context.cancel();
        }
    }

    /**
     * A promise we imported has settled. If it became one of our own objects, calls on it go straight
     * to that object from now on, but only after the calls we already sent to the promise have come
     * back to it: until our Disembargo returns, new calls wait. Otherwise we keep calling the promise's
     * own import id, which its exporter forwards in order, and a capability in the Resolve is counted
     * as received and let go at once.
     */
    private void handleResolve(RpcProtocol.Resolve.Reader resolve) {
        resolvesReceived++;
        Import entry = imports.find(resolve.getPromiseId());
        Capability resolution = resolve.isCap() ? readCap(resolve.getCap()) : null;
        if (entry == null || resolution == null || !(resolution.target instanceof LocalTarget)
                || entry.target.resolution != null) {
            if (resolution != null) {
                resolution.close();
            }
            return;
        }
        ImportTarget promise = entry.target;
        promise.resolution = resolution;
        promise.embargoed = new ArrayList<>();
        MessageBuilder message = Messages.control();
        RpcProtocol.Disembargo.Builder disembargo = Messages.root(message).initDisembargo();
        disembargo.initTarget().setImportedCap(promise.importId);
        disembargo.getContext().setSenderLoopback(embargoes.add(promise));
        send(message);
    }

    /** Our Disembargo came back: the calls held for {@code promise} go to its resolution, in order. */
    private void liftEmbargo(int embargoId) {
        ImportTarget promise = embargoes.erase(embargoId & 0xffffffffL);
        if (promise == null) {
            throw new ProtocolViolation("receiverLoopback Disembargo for embargo " + Integer.toUnsignedString(embargoId)
                    + ", which we never asked for");
        }
        LocalTarget local = (LocalTarget) promise.resolution.target;
        List<ImportTarget.EmbargoedCall> held = promise.embargoed;
        promise.embargoed = null;
        for (ImportTarget.EmbargoedCall call : held) {
            call.later().complete(local.send(call.request(), sequence(local)::submit));
        }
        if (imports.find(promise.importId) == null || imports.find(promise.importId).target != promise) {
            promise.resolution.close(); // released meanwhile: nothing will call it again
        }
    }

    private void handleRelease(RpcProtocol.Release.Reader release) {
        releaseExport(release.getId() & 0xffffffffL, release.getReferenceCount() & 0xffffffffL);
    }

    private void handleDisembargo(RpcProtocol.Disembargo.Reader disembargo) {
        RpcProtocol.Disembargo.Context.Reader context = disembargo.getContext();
        switch (context.which()) {
            case SENDER_LOOPBACK -> {
                CapTarget target = QueuedTarget.seeThrough(disembargoTarget(disembargo.getTarget()));
                MessageBuilder message = Messages.control();
                RpcProtocol.Disembargo.Builder reply = Messages.root(message).initDisembargo();
                if (target instanceof ImportTarget imported && imported.connection == this) {
                    reply.initTarget().setImportedCap(imported.importId);
                    } else if (target instanceof PipelineTarget pipelined && pipelined.connection == this) {
                    pipelined.write(reply.initTarget().initPromisedAnswer());
                } else {
                    throw new ProtocolViolation("senderLoopback Disembargo for a capability that does not point back"
                            + " to the sender");
                }
                reply.getContext().setReceiverLoopback(context.getSenderLoopback());
                send(message);
            }
            case RECEIVER_LOOPBACK -> liftEmbargo(context.getReceiverLoopback());
            default -> sendUnimplementedDisembargo(disembargo);
        }
    }

    private CapTarget disembargoTarget(RpcProtocol.MessageTarget.Reader target) {
        if (target.isImportedCap()) {
            Export export = exports.find(target.getImportedCap() & 0xffffffffL);
            if (export == null) {
                throw new ProtocolViolation("Disembargo target is not a current export");
            }
            return export.target;
        }
        Answer answer = answers.find(target.getPromisedAnswer().getQuestionId());
        if (answer == null || !answer.returned) {
            throw new ProtocolViolation("Disembargo target is not a returned answer");
        }
        return answer.resolve(transform(target.getPromisedAnswer()));
    }

    // ---- serving calls ------------------------------------------------------------------------

    /** Runs a call on its target once known; {@code frame} holds the params until the call ends. */
    private void deliver(Answer answer, CapTarget promised, Frame frame, long interfaceId, short methodId) {
        CapTarget target = promised == null ? null : QueuedTarget.seeThrough(promised);
        if (target == null) {
            fail(answer, frame, new RpcException(RpcException.Type.FAILED, "called a null capability"));
            return;
        }
        if (target instanceof BrokenTarget broken) {
            fail(answer, frame, broken.failure());
            return;
        }
        if (!(target instanceof LocalTarget local)) {
            forward(answer, target, frame, interfaceId, methodId);
            return;
        }
        local.retain();
        Runnable call = () -> answer.context.run(context -> local.dispatch(interfaceId, methodId, context), failure -> {
            answer.context.releaseParamCaps();
            frame.close();
            local.release();
            sendReturn(answer, failure);
        });
        CallSequence sequence = sequence(local);
        if (receiving && local.dispatchesWithoutBlocking(interfaceId, methodId) && sequence.reserveInline()) {
            afterUnlock(() -> sequence.runReserved(call));
        } else {
            sequence.submit(call);
        }
    }

    /**
     * Runs {@code action} on the reading thread once it lets go of the lock, before it reads on: calls
     * served inline, and the completion of answered questions, whose waiting thread would otherwise wake
     * only to wait for the lock the reading thread still holds (a thread switch each way).
     */
    private void afterUnlock(Runnable action) {
        assert receiving && Thread.holdsLock(this);
        if (inlineCalls.isEmpty()) {
            inlineCalls = new ArrayList<>(2);
        }
        inlineCalls.add(action);
    }

    /** The order in which calls from this connection start on {@code local}. */
    private CallSequence sequence(LocalTarget local) {
        assert Thread.holdsLock(this);
        return sequences.computeIfAbsent(local, target -> new CallSequence(calls));
    }

    /**
     * Passes a call on to a capability that lives elsewhere (a pipelined call whose target turned out
     * to be a remote object, e.g. the caller's own), and its results back; the content is copied with
     * its capabilities both ways.
     */
    private void forward(Answer answer, CapTarget target, Frame frame, long interfaceId, short methodId) {
        Request request = new Request(target, interfaceId, methodId);
        try {
            request.copyToParams(answer.context, answer.context.params(), request.params());
        } catch (DecodeException | RpcException e) {
            request.releaseCaps();
            fail(answer, frame, new RpcException(RpcException.Type.FAILED,
                    "cannot forward the call: " + e.getMessage()));
            return;
        }
        answer.context.releaseParamCaps();
        frame.close();
        RemotePromise promise = request.send();
        promise.asFuture().whenComplete((response, failure) -> {
            if (failure != null) {
                promise.close();
                sendReturn(answer, failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
                return;
            }
            Throwable copyFailure = null;
            try (response) {
                answer.context.copyToResults(response, response.content(), answer.context.results());
            } catch (DecodeException | RpcException e) {
                copyFailure = new RpcException(RpcException.Type.FAILED, "cannot forward the results: " + e.getMessage());
            }
            sendReturn(answer, copyFailure);
        });
    }

    private void fail(Answer answer, Frame frame, RuntimeException failure) {
        answer.context.releaseParamCaps();
        frame.close();
        sendReturn(answer, failure);
    }

    private void sendReturn(Answer answer, Throwable failure) {
        try {
            synchronized (this) {
                sendReturnLocked(answer, failure);
            }
        } finally {
            flushIfOutermost();
        }
    }

    /** Queues the Return for {@code answer} (results, or {@code failure}) and runs calls pipelined on it. */
    private void sendReturnLocked(Answer answer, Throwable failure) {
        CallContext context = answer.context;
        if (disconnected != null) {
            context.releaseResultCaps();
            return;
        }
        answer.returned = true;
        if (answer.finished) {
            context.releaseResultCaps();
            answers.erase(answer.id);
            send(Messages.canceledReturn(answer.id));
        } else {
            Throwable problem = failure != null ? failure : sendResults(answer, context);
            if (problem != null) {
                context.releaseResultCaps();
                answer.releaseResultCaps();
                answer.failure = RpcException.fromServerFailure(problem);
                send(Messages.exceptionReturn(answer.id, answer.failure));
            }
        }
        List<Runnable> pipelined = new ArrayList<>(answer.pipelined);
        answer.pipelined.clear();
        pipelined.forEach(Runnable::run);
        for (AnswerTarget waiter : answer.waiters) {
            if (waiter.settle(answer)) {
                runAfterUnlock(waiter::drain);
            }
        }
        answer.waiters.clear();
    }

    /**
     * Moves the results into the answer (where pipelined calls find them) and sends them, or, for a
     * tail call, keeps them here for the peer to take; the failure if they cannot be sent.
     */
    private Throwable sendResults(Answer answer, CallContext context) {
        answer.resultCaps = new ArrayList<>(context.resultCaps);
        context.resultCaps.clear();
        answer.results = context.ret.asReader().getResults().getContent();
        if (answer.resultsToSelf) {
            send(Messages.resultsSentElsewhere(answer.id));
            return null;
        }
        context.ret.setAnswerId(answer.id);
        try {
            answer.resultExports = writeCapTable(context.ret.getResults(), answer.resultCaps);
        } catch (IllegalArgumentException e) {
            return e; // a capability in the results cannot be passed
        }
        send(context.resultMessage);
        return null;
    }

    // ---- calling ------------------------------------------------------------------------------

    RemotePromise sendCall(Request request, Consumer<RpcProtocol.MessageTarget.Builder> targetWriter) {
        try {
            synchronized (this) {
                if (disconnected != null) {
                    request.releaseCaps();
                    return RemotePromise.failed(lost());
                }
                Question question = new Question();
                question.id = questions.add(question);
                request.call.setQuestionId(question.id);
                targetWriter.accept(request.call.initTarget());
                try {
                    question.paramExports = writeCapTable(request.call.getParams(), request.caps);
                } catch (RuntimeException e) {
                    questions.erase(question.id);
                    request.releaseCaps();
                    throw e;
                }
                question.dropPromiseRef = once(() -> dropQuestionRef(question));
                question.finishMayWait = request.finishMayWait;
                send(request.message);
                // After the Call is queued: letting go of a capability we imported may queue its Release,
                // which must not overtake the Call naming it.
                request.releaseCaps();
                return new RemotePromise(question.answer, path -> pipelineTarget(question, path),
                        question.dropPromiseRef);
            }
        } finally {
            flushIfOutermost();
        }
    }

    /** A call on an import: to the peer, or to our own object the import resolved to (see handleResolve). */
    RemotePromise callImport(ImportTarget target, Request request) {
        try {
            synchronized (this) {
                if (target.resolution == null || disconnected != null) {
                    return sendCall(request, messageTarget -> messageTarget.setImportedCap(target.importId));
                }
                if (target.embargoed != null) {
                    CompletableFuture<RemotePromise> later = new CompletableFuture<>();
                    target.embargoed.add(new ImportTarget.EmbargoedCall(request, later));
                    return RemotePromise.eventually(later);
                }
                LocalTarget local = (LocalTarget) target.resolution.target;
                return local.send(request, sequence(local)::submit);
            }
        } finally {
            flushIfOutermost();
        }
    }

    private PipelineTarget pipelineTarget(Question question, int[] path) {
        synchronized (this) {
            question.refs++;
            return new PipelineTarget(this, question, path);
        }
    }

    /** One holder of {@code question} let go; the last one finishes it (cancelling it if unanswered). */
    void dropQuestionRef(Question question) {
        try {
            synchronized (this) {
                if (--question.refs > 0 || question.finishSent) {
                    return;
                }
                question.finishSent = true;
                if (disconnected != null) {
                    return;
                }
                if (question.returned) {
                    questions.erase(question.id);
                    if (question.response != null) {
                        question.response.close();
                    }
                }
                if (question.returned && question.finishMayWait) {
                    sendLazily(Messages.finish(question.id));
                } else {
                    send(Messages.finish(question.id));
                }
            }
        } finally {
            flushIfOutermost();
        }
    }

    /** The last handle of an import went: give back every reference the peer sent us. */
    void releaseImport(ImportTarget target) {
        try {
            synchronized (this) {
                Import entry = imports.find(target.importId);
                if (entry == null || entry.target != target || target.holders() > 0) {
                    return; // already gone with the connection, or received again meanwhile
                }
                imports.erase(target.importId);
                if (target.resolution != null && target.embargoed == null) {
                    target.resolution.close();
                }
                if (disconnected != null) {
                    return;
                }
                send(Messages.release(entry.id, entry.remoteRefs));
            }
        } finally {
            flushIfOutermost();
        }
    }

    // ---- capability tables --------------------------------------------------------------------

    /** Writes {@code caps} as the payload's cap table; returns the ids of our exports written. */
    private int[] writeCapTable(RpcProtocol.Payload.Builder payload, List<Capability> caps) {
        StructList.Builder<RpcProtocol.CapDescriptor.Builder> table = payload.initCapTable(caps.size());
        int[] exported = new int[caps.size()];
        int count = 0;
        for (int i = 0; i < caps.size(); i++) {
            int id = writeCap(table.get(i), caps.get(i));
            if (id >= 0) {
                exported[count++] = id;
            }
        }
        return java.util.Arrays.copyOf(exported, count);
    }

    /** Describes {@code cap} to the peer; returns the export id if it is (now) exported, else -1. */
    private int writeCap(RpcProtocol.CapDescriptor.Builder descriptor, Capability cap) {
        if (cap == null) {
            descriptor.setNone(org.capnproto.Void.VOID);
            return -1;
        }
        return writeTarget(descriptor, cap.target);
    }

    private int writeTarget(RpcProtocol.CapDescriptor.Builder descriptor, CapTarget promised) {
        CapTarget target = QueuedTarget.seeThrough(promised);
        if (target instanceof ImportTarget imported && imported.connection == this) {
            descriptor.setReceiverHosted(imported.importId);
            return -1;
        }
        if (target instanceof PipelineTarget pipelined && pipelined.connection == this) {
            pipelined.write(descriptor.initReceiverAnswer());
            return -1;
        }
        // Ours: a local object, a promise not settled yet (Resolve follows once it is), or another
        // connection's capability, whose calls are passed on.
        Export export = export(target);
        if (target instanceof QueuedTarget) {
            descriptor.setSenderPromise(export.id);
        } else {
            descriptor.setSenderHosted(export.id);
        }
        return export.id;
    }

    /** The export of {@code target} (made on first use), with one more reference counted for the peer. */
    private Export export(CapTarget target) {
        Export export = exportsByTarget.get(target);
        if (export == null) {
            export = new Export(target);
            export.id = exports.add(export);
            exportsByTarget.put(target, export);
            target.retain();
            if (target instanceof QueuedTarget promise) {
                Export exported = export;
                promise.whenSettled().thenRun(() -> {
                    if (Thread.holdsLock(this)) {
                        runAfterUnlock(() -> resolveExport(exported)); // after the message naming it
                    } else {
                        resolveExport(exported);
                    }
                });
            }
        }
        export.refCount++;
        return export;
    }

    /** An exported promise has settled: tell the peer what it became (or why it broke). */
    private void resolveExport(Export export) {
        try {
            synchronized (this) {
                if (disconnected != null || exports.find(export.id) != export) {
                    return; // released meanwhile: nobody there asks any more
                }
                MessageBuilder message = Messages.control();
                RpcProtocol.Resolve.Builder resolve = Messages.root(message).initResolve();
                resolve.setPromiseId(export.id);
                CapTarget resolution = QueuedTarget.seeThrough(export.target);
                if (resolution instanceof BrokenTarget broken) {
                    RpcException.fromServerFailure(broken.failure()).write(resolve.initException());
                } else {
                    writeTarget(resolve.initCap(), resolution);
                }
                send(message);
            }
        } finally {
            flushIfOutermost();
        }
    }

    private List<Capability> readCapTable(StructList.Reader<RpcProtocol.CapDescriptor.Reader> table) {
        List<Capability> caps = new ArrayList<>(table.size());
        for (int i = 0; i < table.size(); i++) {
            caps.add(readCap(table.get(i)));
        }
        return caps;
    }

    /** A new handle for a received capability descriptor (null for none). */
    private Capability readCap(RpcProtocol.CapDescriptor.Reader descriptor) {
        switch (descriptor.which()) {
            case NONE -> {
                return null;
            }
            case SENDER_HOSTED -> {
                return importCap(descriptor.getSenderHosted());
            }
            case SENDER_PROMISE -> {
                return importCap(descriptor.getSenderPromise());
            }
            case RECEIVER_HOSTED -> {
                Export export = exports.find(descriptor.getReceiverHosted() & 0xffffffffL);
                if (export == null) {
                    throw new ProtocolViolation("receiverHosted capability "
                            + Integer.toUnsignedString(descriptor.getReceiverHosted()) + " is not a current export");
                }
                return new Capability(export.target);
            }
            case RECEIVER_ANSWER -> {
                RpcProtocol.PromisedAnswer.Reader promised = descriptor.getReceiverAnswer();
                Answer answer = answers.find(promised.getQuestionId());
                if (answer == null) {
                    throw new ProtocolViolation("receiverAnswer names question "
                            + Integer.toUnsignedString(promised.getQuestionId()) + ", which is not a current answer");
                }
                if (!answer.returned) {
                    // The peer pipelined a call of its own to us back here: calls wait for our answer.
                    AnswerTarget waiter = new AnswerTarget(transform(promised));
                    answer.waiters.add(waiter);
                    return new Capability(waiter);
                }
                CapTarget target = answer.resolve(transform(promised));
                return target == null ? null : new Capability(target);
            }
            default -> throw new ProtocolViolation("capability descriptor of kind " + descriptor.which()
                    + " (third-party handoff is Level 3, not supported)");
        }
    }

    private Capability importCap(int id) {
        Import entry = imports.find(id);
        if (entry == null) {
            entry = new Import(id, new ImportTarget(this, id));
            imports.put(id, entry);
        }
        entry.remoteRefs++;
        return new Capability(entry.target);
    }

    private void releaseExports(int[] ids) {
        for (int id : ids) {
            releaseExport(id, 1);
        }
    }

    private void releaseExport(long id, long count) {
        Export export = exports.find(id);
        if (export == null) {
            throw new ProtocolViolation("Release of capability " + id + ", which is not a current export");
        }
        if (count > export.refCount) {
            throw new ProtocolViolation("Release of " + count + " references to capability " + id + ", which has "
                    + export.refCount);
        }
        export.refCount -= (int) count;
        if (export.refCount == 0) {
            exports.erase(id);
            exportsByTarget.remove(export.target);
            runAfterUnlock(export.target::release); // letting go may call out (a promise's resolution)
        }
    }

    private Answer newAnswer(int questionId) {
        if (answers.find(questionId) != null) {
            throw new ProtocolViolation("question id " + Integer.toUnsignedString(questionId) + " is already in use");
        }
        Answer answer = new Answer(questionId);
        answers.put(questionId, answer);
        return answer;
    }

    private static int[] transform(RpcProtocol.PromisedAnswer.Reader promised) {
        StructList.Reader<RpcProtocol.PromisedAnswer.Op.Reader> ops = promised.getTransform();
        int[] path = new int[ops.size()];
        int count = 0;
        for (int i = 0; i < ops.size(); i++) {
            RpcProtocol.PromisedAnswer.Op.Reader op = ops.get(i);
            if (op.isGetPointerField()) {
                path[count++] = op.getGetPointerField() & 0xffff;
            } else if (!op.isNoop()) {
                throw new ProtocolViolation("unknown PromisedAnswer transform op");
            }
        }
        return java.util.Arrays.copyOf(path, count);
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Queues {@code message} (the caller holds the lock, so it keeps its place among table changes). */
    private void send(MessageBuilder message) {
        assert Thread.holdsLock(this);
        if (Trace.ON) {
            Trace.sent(this, message.getRoot(RpcProtocol.Message.factory).asReader());
        }
        outbox.add(message);
    }

    /** Queues {@code message} to leave with the next message sent (see {@link Outbox#addLazily}). */
    private void sendLazily(MessageBuilder message) {
        assert Thread.holdsLock(this);
        if (Trace.ON) {
            Trace.sent(this, message.getRoot(RpcProtocol.Message.factory).asReader());
        }
        outbox.addLazily(message);
    }

    /** Writes the queued messages unless the caller still holds the lock (its outermost caller will). */
    private void flushIfOutermost() {
        if (!Thread.holdsLock(this)) {
            if (workAfterUnlock) {
                List<Runnable> work;
                synchronized (this) {
                    work = afterUnlock;
                    afterUnlock = new ArrayList<>();
                    workAfterUnlock = false;
                }
                work.forEach(Runnable::run);
            }
            outbox.flush(Thread.currentThread() != readerThread);
        }
    }

    /** Queues {@code work}, which may call out, for when this thread lets go of the lock. */
    private void runAfterUnlock(Runnable work) {
        assert Thread.holdsLock(this);
        afterUnlock.add(work);
        workAfterUnlock = true;
    }

    private void sendUnimplemented(RpcProtocol.Message.Reader message) {
        MessageBuilder reply = Messages.control();
        Messages.root(reply).setUnimplemented(message);
        send(reply);
    }

    private void sendUnimplementedDisembargo(RpcProtocol.Disembargo.Reader disembargo) {
        MessageBuilder reply = Messages.control();
        Messages.root(reply).initUnimplemented().setDisembargo(disembargo);
        send(reply);
    }

    private void abort(String reason) {
        sendAbort(reason);
        connection.abort(new IpcException("aborted connection " + name() + ": " + reason));
    }

    private void sendAbort(String reason) {
        synchronized (this) {
            send(Messages.abort(reason));
        }
        flushIfOutermost();
    }

    private IpcException lost() {
        return new IpcException("connection " + name() + " lost: " + disconnected.getMessage(), disconnected);
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** The peer broke the protocol: the connection is aborted with this message. */
    private static final class ProtocolViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProtocolViolation(String message) {
            super(message);
        }
    }
}
