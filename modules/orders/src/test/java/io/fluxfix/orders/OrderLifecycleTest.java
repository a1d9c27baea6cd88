package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One order's life through the sink, driven by the venue's answers on a fake session. */
class OrderLifecycleTest {

    @Test
    void newAckPartialFillFillMovesTheStatesAndThePositionBalancesAndFees() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder n = f.buy("0.5", "84000");
            assertThat(f.sink.submit("spot", n).sent()).isTrue();
            assertThat(f.spot.sent).containsExactly(n);
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);

            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));
            f.spot.emit(f.spot.report(n, n.clOrdId(), null, "O-1", ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "0.2",
                    "0.3", "0.2", "84000", List.of(new Fee(Decimal.parse("4.2"), "USD", FeeType.EXCHANGE, null)),
                    f.nanos(), null));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PARTIALLY_FILLED);
            f.spot.emit(f.spot.report(n, n.clOrdId(), null, "O-1", ExecType.TRADE, OrdStatus.FILLED, "0.5", "0",
                    "0.3", "83990", List.of(new Fee(Decimal.parse("10.5"), "USD", FeeType.EXCHANGE, null)),
                    f.nanos(), null));

            assertThat(f.views).extracting(OrderView::state).containsExactly(OrderState.PENDING_NEW, OrderState.NEW,
                    OrderState.PARTIALLY_FILLED, OrderState.FILLED);
            assertThat(f.sink.openOrders()).isEmpty();
            assertThat(f.sink.positions().get("BTC/USD")).isEqualByComparingTo(Decimal.parse("0.5"));
            assertThat(f.sink.balances().get("BTC")).isEqualByComparingTo(Decimal.parse("0.5"));
            // 0.2 × 84000 + 0.3 × 83990 = 16800 + 25197 = 41997, plus 10.5 of fees
            assertThat(f.sink.balances().get("USD")).isEqualByComparingTo(Decimal.parse("-42007.5"));
            assertThat(f.sink.fees().get("USD")).isEqualByComparingTo(Decimal.parse("10.5"));
            assertThat(f.meter("fluxfix.orders.by-state", "state", "filled")).isEqualTo(1.0);
        }
    }

    @Test
    void cancelAndAmendGoThroughTheirPendingStatesAndARefusedCancelGoesBack() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));

            AmendOrder a = new AmendOrder(f.id(), n.clOrdId(), null, n.symbol(), n.side(), Decimal.parse("0.8"), null,
                    n.ordType(), n.timeInForce(), Decimal.parse("80100"), null, false, Stamp.NO_TIME, f.nanos());
            assertThat(f.sink.submit("spot", a).sent()).isTrue();
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_REPLACE);
            f.spot.emit(f.spot.report(n, a.clOrdId(), n.clOrdId(), "O-1", ExecType.REPLACED, OrdStatus.NEW, "0", "0.8",
                    null, null, List.of(), f.nanos(), null));
            OrderView replaced = f.sink.order(n.clOrdId());
            assertThat(replaced.state()).isEqualTo(OrderState.REPLACED);
            assertThat(replaced.currentClOrdId()).isEqualTo(a.clOrdId());
            assertThat(f.sink.order(a.clOrdId())).isEqualTo(replaced);

            var c = new io.fluxfix.model.command.CancelOrder(f.id(), a.clOrdId(), null, n.symbol(), n.side(), f.nanos());
            f.sink.submit("spot", c);
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_CANCEL);
            f.spot.emit(f.spot.businessReject(c.clOrdId(), "EOrder:Unknown order"));
            assertThat(f.sink.order(n.clOrdId()).state()).as("a refused cancel leaves the order as it was")
                    .isEqualTo(OrderState.REPLACED);

            var c2 = new io.fluxfix.model.command.CancelOrder(f.id(), a.clOrdId(), null, n.symbol(), n.side(), f.nanos());
            f.sink.submit("spot", c2);
            f.spot.emit(f.spot.report(n, c2.clOrdId(), a.clOrdId(), "O-1", ExecType.CANCELED, OrdStatus.CANCELED, "0",
                    "0", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
            assertThat(f.sink.openOrders()).isEmpty();
        }
    }

    @Test
    void aBusinessRejectRejectsTheOrderWithItsLayerAndTextAndAnEngineRejectToo() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.businessReject(n.clOrdId(), "EOrder:Insufficient funds"));
            OrderView v = f.sink.order(n.clOrdId());
            assertThat(v.state()).isEqualTo(OrderState.REJECTED);
            assertThat(v.rejectLayer()).isEqualTo(RejectLayer.BUSINESS);
            assertThat(v.reason()).isEqualTo("EOrder:Insufficient funds");

            NewOrder m = f.buy("1", "80000");
            f.sink.submit("spot", m);
            f.spot.emit(f.spot.report(m, m.clOrdId(), null, "O-2", ExecType.REJECTED, OrdStatus.REJECTED, "0", "0",
                    null, null, List.of(), f.nanos(), "EOrder:Post only order"));
            assertThat(f.sink.order(m.clOrdId()).rejectLayer()).isEqualTo(RejectLayer.ENGINE);
            assertThat(f.meter("fluxfix.orders.venue.rejects", "layer", "business", "reason",
                    "EOrder:Insufficient funds")).isEqualTo(1.0);
        }
    }

    @Test
    void anUnansweredOrderStaysPendingAndIsReconciledWithAStatusRequestNeverResent() {
        try (SinkFixture f = new SinkFixture("orders.ack-timeout", "2s")) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            // the venue refused something at the session layer: 35=3 names no ClOrdID, so nothing is assumed
            f.spot.emit(new SessionReject(f.spot.stamp(), 0, 11, null, null, "Value is incorrect"));
            f.advance(Duration.ofMillis(1999));
            assertThat(f.spot.sent).containsExactly(n);
            f.advance(Duration.ofMillis(1));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
            assertThat(f.spot.sent).hasSize(2);
            OrderStatusRequest s = f.spot.last(OrderStatusRequest.class);
            assertThat(s.clOrdId()).as("no order id yet: asked by its ClOrdID").isEqualTo(n.clOrdId());
            assertThat(f.spot.sent.stream().filter(NewOrder.class::isInstance)).as("never re-sent").hasSize(1);
            assertThat(f.events(SinkEvent.StatusRequested.class)).hasSize(1);

            f.spot.emit(f.spot.report(n, n.clOrdId(), null, "O-1", ExecType.ORDER_STATUS, OrdStatus.NEW, "0", "1",
                    null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.NEW);
            f.advance(Duration.ofSeconds(10));
            assertThat(f.spot.sent).as("answered: nothing more to ask").hasSize(2);
        }
    }

    @Test
    void aStatusRequestTheVenueDoesNotKnowSettlesAnOrderThatNeverArrived() {
        try (SinkFixture f = new SinkFixture("orders.ack-timeout", "1s")) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.advance(Duration.ofSeconds(1));
            OrderStatusRequest s = f.spot.last(OrderStatusRequest.class);
            assertThat(s.clOrdId()).isEqualTo(n.clOrdId());
            // a refusal of something else about the order (its id is known) settles nothing
            f.spot.emit(f.spot.businessReject(s.clOrdId(), io.fluxfix.model.event.MessageKind.ORDER_STATUS,
                    "Duplicate ClOrdID"));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
            f.spot.emit(f.spot.businessReject(s.clOrdId(), io.fluxfix.model.event.MessageKind.ORDER_STATUS,
                    "EOrder:Unknown order"));
            OrderView v = f.sink.order(n.clOrdId());
            assertThat(v.state()).isEqualTo(OrderState.REJECTED);
            assertThat(v.rejectLayer()).isEqualTo(RejectLayer.NOT_RECEIVED);
            assertThat(v.reason()).startsWith("not received by the venue");
            assertThat(f.sink.inFlight()).isZero();
            f.advance(Duration.ofSeconds(10));
            assertThat(f.spot.sent.stream().filter(NewOrder.class::isInstance)).as("never re-sent").hasSize(1);
        }
    }

    /**
     * Kraken's pages disagree on whether 35=H works on Derivatives: by default an unanswered Derivatives order waits
     * for the venue's reports; with {@code orders.derivatives.status-requests} it is asked about like a Spot one.
     */
    @ParameterizedTest(name = "status requests on derivatives: {0}")
    @ValueSource(booleans = {false, true})
    void anUnansweredDerivativesOrderIsAskedAboutOnlyWhenConfigured(boolean ask) {
        try (SinkFixture f = new SinkFixture("orders.ack-timeout", "1s", "orders.derivatives.status-requests",
                Boolean.toString(ask))) {
            NewOrder n = NewOrder.limit(f.sink.nextClOrdId(io.fluxfix.model.Market.DERIVATIVES), "PF_XBTUSD",
                    Side.BUY, Decimal.parse("0.001"), Decimal.parse("80000"), TimeInForce.GOOD_TILL_CANCEL, null,
                    f.nanos());
            assertThat(f.sink.submit("drv", n).sent()).isTrue();
            f.advance(Duration.ofSeconds(2));
            List<OrderStatusRequest> asked = f.drv.sent.stream().filter(OrderStatusRequest.class::isInstance)
                    .map(OrderStatusRequest.class::cast).toList();
            if (ask) {
                assertThat(asked).singleElement().satisfies(s -> assertThat(s.clOrdId()).isEqualTo(n.clOrdId()));
            } else {
                assertThat(asked).isEmpty();
            }
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
        }
    }

    @Test
    void aStatusRequestTheSessionCannotTakeLeavesTheOrderItAsksAboutPending() {
        try (SinkFixture f = new SinkFixture("orders.ack-timeout", "1s")) {
            NewOrder n = f.buy("1", "80000");
            assertThat(f.sink.submit("spot", n).sent()).isTrue();
            // the 35=H after the ack timeout fails at once (the session dropped; its event has not arrived yet)
            f.spot.answers.add(Mono.error(new IllegalStateException("spot is not logged on")));
            f.advance(Duration.ofSeconds(1));
            assertThat(f.spot.last(OrderStatusRequest.class).clOrdId()).isEqualTo(n.clOrdId());
            assertThat(f.sink.order(n.clOrdId()).state()).as("the NewOrder left; only the question failed")
                    .isEqualTo(OrderState.PENDING_NEW);
            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.NEW);
            assertThat(f.events(SinkEvent.IllegalTransition.class)).isEmpty();
        }
    }

    @Test
    void aMassCancelTheSessionCannotTakeLeavesAnOrderWhoseOwnCancelLeftPending() {
        try (SinkFixture f = new SinkFixture("orders.ack-timeout", "1s")) {
            NewOrder a = f.buy("1", "80000");
            NewOrder b = f.buy("1", "80001");
            f.sink.submit("spot", a);
            f.sink.submit("spot", b);
            f.spot.emit(f.spot.ack(a, "O-A", f.nanos()));
            f.spot.emit(f.spot.ack(b, "O-B", f.nanos()));
            CancelOrder ca = f.cancel(a);
            assertThat(f.sink.submit("spot", ca).sent()).isTrue();
            // the mass cancel fails at once (the session dropped; its event has not arrived yet)
            f.spot.answers.add(Mono.error(new IllegalStateException("spot is not logged on")));
            f.sink.submit("spot", new MassCancel(f.id(), MassCancelScope.SESSION, null, f.nanos()));
            assertThat(f.sink.order(a.clOrdId()).state()).as("a's own cancel left: its fate is still to be learnt")
                    .isEqualTo(OrderState.PENDING_CANCEL);
            assertThat(f.sink.order(b.clOrdId()).state()).as("b was pending only because of the mass cancel")
                    .isEqualTo(OrderState.NEW);
            // b waits for nothing: no status request is asked about it once the timeout has passed
            f.advance(Duration.ofSeconds(2));
            assertThat(f.events(SinkEvent.StatusRequested.class).stream().map(SinkEvent.StatusRequested::clOrdId))
                    .doesNotContain(b.clOrdId()).contains(a.clOrdId());
            // a's cancel is refused: a goes back to what it was before its cancel
            f.spot.emit(new io.fluxfix.model.event.OrderCancelReject(f.spot.stamp(), ca.clOrdId(), a.clOrdId(), "O-A",
                    OrdStatus.NEW, false, 0, "EGeneral:Temporary lockout"));
            assertThat(f.sink.order(a.clOrdId()).state()).isEqualTo(OrderState.NEW);
            assertThat(f.events(SinkEvent.IllegalTransition.class)).isEmpty();
        }
    }

    /**
     * A subscriber that breaks the Reactive Streams rule and throws from {@code onNext} must not stop the sink: the
     * sink keeps sending commands (and stays able to drain) after the throw.
     */
    @Test
    void aSubscriberThatThrowsDoesNotStopTheSinkSending() {
        try (SinkFixture f = new SinkFixture()) {
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
            f.sink.orders().subscribe(throwingSubscriber(seen));
            NewOrder a = f.buy("1", "80000");
            f.sink.submit("spot", a);
            assertThat(seen.get()).as("the subscriber saw the order and threw").isPositive();
            NewOrder b = f.buy("1", "80001");
            assertThat(f.sink.submit("spot", b).sent()).isTrue();
            assertThat(f.spot.sent).as("both orders left").contains(a, b);
            assertThat(f.meter("fluxfix.orders.subscriber-errors")).isPositive();
        }
    }

    /**
     * A subscriber that throws from {@code onNext} is cut off from the stream at its first throw (Reactor cancels
     * it): one ERROR line and one count, not one per order state, and the other subscribers keep receiving.
     */
    @Test
    void aSubscriberThatThrowsIsCutOffAtItsFirstThrowAndTheOthersKeepReceiving() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                OrderSink.class);
        logs.start();
        log.addAppender(logs);
        try (SinkFixture f = new SinkFixture()) {
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
            f.sink.orders().subscribe(throwingSubscriber(seen));
            for (int i = 0; i < 5; i++) {
                f.sink.submit("spot", f.buy("1", "80000"));
            }
            assertThat(seen.get()).as("cut off at its first throw").isEqualTo(1);
            assertThat(f.meter("fluxfix.orders.subscriber-errors")).isEqualTo(1.0);
            assertThat(logs.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("a subscriber of the order sink threw"))).hasSize(1);
            assertThat(f.views).as("the fixture's own subscriber saw every order").hasSize(5);
        } finally {
            log.detachAppender(logs);
        }
    }

    /** A subscriber that breaks the Reactive Streams rules: it counts each item in {@code seen}, then throws. */
    private static org.reactivestreams.Subscriber<OrderView> throwingSubscriber(
            java.util.concurrent.atomic.AtomicInteger seen) {
        return new org.reactivestreams.Subscriber<>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(OrderView v) {
                seen.incrementAndGet();
                throw new IllegalStateException("a broken subscriber");
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
    }

    @Test
    void aReportThatDoesNotFitIsCountedAndLoggedNotThrown() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.report(n, n.clOrdId(), null, "O-1", ExecType.CANCELED, OrdStatus.CANCELED, "0", "0",
                    null, null, List.of(), f.nanos(), "EOrder:Cancelled by engine"));
            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
            assertThat(f.sink.order(n.clOrdId()).reason()).isEqualTo("EOrder:Cancelled by engine");
            assertThat(f.events(SinkEvent.IllegalTransition.class)).hasSize(1);
            assertThat(f.meter("fluxfix.orders.illegal-transitions")).isEqualTo(1.0);
            // and the stream still works
            NewOrder m = f.buy("1", "80000");
            assertThat(f.sink.submit("spot", m).sent()).isTrue();
        }
    }

    @Test
    void aClOrdIdIsNeverUsedTwiceAndMustFitTheMarket() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            Decision again = f.sink.submit("spot", n);
            assertThat(again.reason()).isEqualTo(Decision.Reason.DUPLICATE_CLORDID);
            NewOrder bad = NewOrder.limit("abc", "BTC/USD", n.side(), n.orderQty(), n.price(), n.timeInForce(), null, 0);
            assertThat(f.sink.submit("spot", bad).reason()).isEqualTo(Decision.Reason.BAD_CLORDID);
            assertThat(f.spot.sent).containsExactly(n);
            String a = f.sink.nextClOrdId(io.fluxfix.model.Market.SPOT);
            String b = f.sink.nextClOrdId(io.fluxfix.model.Market.SPOT);
            assertThat(a).isNotEqualTo(b).matches("[0-9]+");
            assertThat(f.sink.nextClOrdId(io.fluxfix.model.Market.DERIVATIVES)).hasSize(36);
        }
    }

    @Test
    void cancelOnDisconnectMakesOpenOrdersCancelPendingAndALaterLogonMassCancelsWhatIsLeftOfTheOldConnection() {
        try (SinkFixture f = new SinkFixture("orders.ack-timeout", "5s")) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));
            f.spot.drop();
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_CANCEL);
            assertThat(f.events(SinkEvent.CancelOnDisconnectPending.class)).hasSize(1);
            f.spot.logOn();
            // the venue's cancel report, replayed after the logon, confirms it
            f.spot.emit(f.spot.report(n, n.clOrdId(), null, "O-1", ExecType.CANCELED, OrdStatus.CANCELED, "0", "0",
                    null, null, List.of(), f.nanos(), "Cancel on disconnect"));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
        }
        try (SinkFixture f = new SinkFixture("orders.cancel-on-disconnect", "false")) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));
            f.spot.drop();
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.NEW);
            f.spot.logOn();
            MassCancel m = f.spot.last(MassCancel.class);
            assertThat(m.scope()).isEqualTo(MassCancelScope.SENDER_COMP_ID);
            assertThat(f.events(SinkEvent.PreviousSessionMassCancel.class)).singleElement()
                    .satisfies(e -> assertThat(e.clOrdIds()).containsExactly(n.clOrdId()));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.PENDING_CANCEL);
            // a 35=F for it could not reach it on Kraken: refused locally
            assertThat(f.sink.submit("spot", f.cancel(n)).reason()).isEqualTo(Decision.Reason.PREVIOUS_SESSION);
            f.spot.emit(f.spot.report(n, m.clOrdId(), n.clOrdId(), "O-1", ExecType.CANCELED, OrdStatus.CANCELED, "0",
                    "0", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(n.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
        }
    }

    @Test
    void anIdTakenByARefusedCancelIsNeverUsedAgain() {
        try (SinkFixture f = new SinkFixture("orders.cancel-on-disconnect", "false",
                "orders.reconnect.previous-orders", "keep")) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));
            f.spot.drop();
            f.spot.logOn();
            CancelOrder c = f.cancel(n);
            assertThat(f.sink.submit("spot", c).reason()).isEqualTo(Decision.Reason.PREVIOUS_SESSION);
            // no order carries the refused cancel's id, but it was taken: not as a cancel, not as a new order
            assertThat(f.sink.submit("spot", c).reason()).isEqualTo(Decision.Reason.DUPLICATE_CLORDID);
            NewOrder reuse = NewOrder.limit(c.clOrdId(), "BTC/USD", Side.BUY, n.orderQty(), n.price(),
                    n.timeInForce(), null, f.nanos());
            assertThat(f.sink.submit("spot", reuse).reason()).isEqualTo(Decision.Reason.DUPLICATE_CLORDID);
            assertThat(f.spot.sent).doesNotContain(c, reuse);
        }
    }

    @Test
    void answeredRequestsAreReusedWithoutMixingUpTheirOrders() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder a = f.buy("1", "80000");
            f.sink.submit("spot", a);
            f.spot.emit(f.spot.ack(a, "O-1", f.nanos())); // a's request is answered: the next command takes it
            NewOrder b = f.buy("1", "80000");
            assertThat(f.sink.submit("spot", b).sent()).isTrue();
            CancelOrder ca = f.cancel(a);
            assertThat(f.sink.submit("spot", ca).sent()).isTrue();
            assertThat(f.sink.inFlight()).isEqualTo(2);
            f.spot.emit(f.spot.businessReject(b.clOrdId(), "EOrder:Insufficient funds"));
            assertThat(f.sink.order(b.clOrdId()).state()).isEqualTo(OrderState.REJECTED);
            assertThat(f.sink.order(a.clOrdId()).state()).isEqualTo(OrderState.PENDING_CANCEL);
            f.spot.emit(f.spot.report(a, ca.clOrdId(), a.clOrdId(), "O-1", ExecType.CANCELED, OrdStatus.CANCELED,
                    "0", "0", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(a.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
            assertThat(f.sink.order(b.clOrdId()).state()).isEqualTo(OrderState.REJECTED);
            assertThat(f.sink.inFlight()).isZero();
            // and once more through the reused requests
            NewOrder c = f.buy("1", "80000");
            f.sink.submit("spot", c);
            f.spot.emit(f.spot.ack(c, "O-3", f.nanos()));
            assertThat(f.sink.order(c.clOrdId()).state()).isEqualTo(OrderState.NEW);
            assertThat(f.sink.inFlight()).isZero();
        }
    }

    @Test
    void anIdWhoseCommandAwaitsItsAnswerAtTheRolloverStaysTakenAndTheAnswerStillSettlesIt() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder a = ackedOrder(f);
            CancelOrder c = cancelSent(f, a);
            // a fills before the cancel reaches it; the venue's 35=9 for the cancel is still on its way
            filled(f, a);
            assertThat(f.sink.order(a.clOrdId()).state()).isEqualTo(OrderState.FILLED);
            f.spot.emit(new io.fluxfix.model.event.SessionEvent.Rollover(f.spot.stamp(), "spot", 2));

            NewOrder b = NewOrder.limit(c.clOrdId(), "BTC/USD", Side.BUY, a.orderQty(), a.price(),
                    TimeInForce.GOOD_TILL_CANCEL, null, f.nanos());
            assertThat(f.sink.submit("spot", b).reason()).as("its answer would be taken for the new order's")
                    .isEqualTo(Decision.Reason.DUPLICATE_CLORDID);
            tooLateToCancel(f, a, c);
            assertThat(f.sink.inFlight()).isZero();
            assertThat(f.events(SinkEvent.IllegalTransition.class)).isEmpty();
            f.spot.emit(new io.fluxfix.model.event.SessionEvent.Rollover(f.spot.stamp(), "spot", 3));
            assertThat(f.sink.submit("spot", b).sent()).as("answered: the next day may use it").isTrue();
        }
    }

    @Test
    void aPendingCancelReportThatArrivesAfterTheFillNeitherRevivesTheOrderNorSettlesTheCancel() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder a = ackedOrder(f);
            CancelOrder c = cancelSent(f, a);
            filled(f, a);
            f.spot.emit(f.spot.report(a, c.clOrdId(), a.clOrdId(), "O-1", ExecType.PENDING_CANCEL,
                    OrdStatus.FILLED, "1", "0", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(a.clOrdId()).state()).as("a fill is final").isEqualTo(OrderState.FILLED);
            assertThat(f.sink.openOrders()).isEmpty();
            assertThat(f.sink.inFlight()).as("150=6 is not the cancel's answer").isEqualTo(1);
            tooLateToCancel(f, a, c);
            assertThat(f.sink.inFlight()).as("the 35=9 is").isZero();
            assertThat(f.sink.order(a.clOrdId()).state()).isEqualTo(OrderState.FILLED);
            assertThat(f.events(SinkEvent.IllegalTransition.class)).isEmpty();
        }
    }

    @Test
    void aPendingCancelReportKeepsTheCancelWaitingForItsAnswer() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder a = ackedOrder(f);
            CancelOrder c = cancelSent(f, a);
            f.spot.emit(f.spot.report(a, c.clOrdId(), a.clOrdId(), "O-1", ExecType.PENDING_CANCEL,
                    OrdStatus.PENDING_CANCEL, "0", "1", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(a.clOrdId()).state()).isEqualTo(OrderState.PENDING_CANCEL);
            assertThat(f.sink.inFlight()).isEqualTo(1);
            f.spot.emit(f.spot.report(a, c.clOrdId(), a.clOrdId(), "O-1", ExecType.CANCELED, OrdStatus.CANCELED,
                    "0", "0", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(a.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
            assertThat(f.sink.inFlight()).isZero();
        }
    }

    @Test
    void theRolloverForgetsFinishedOrdersAndTheirIdsButNotLiveOnes() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder done = f.buy("1", "80000");
            NewOrder open = f.buy("1", "80000");
            f.sink.submit("spot", done);
            f.sink.submit("spot", open);
            f.spot.emit(f.spot.businessReject(done.clOrdId(), "EOrder:Insufficient funds"));
            f.spot.emit(new io.fluxfix.model.event.SessionEvent.Rollover(f.spot.stamp(), "spot", 2));
            assertThat(f.sink.order(done.clOrdId())).isNull();
            assertThat(f.sink.order(open.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
            assertThat(f.sink.submit("spot", open).reason()).isEqualTo(Decision.Reason.DUPLICATE_CLORDID);
            Decision again = f.sink.submit("spot", done);
            assertThat(again.reason()).as("forgotten, but still below a live order's numeric id")
                    .isEqualTo(Decision.Reason.BAD_CLORDID);
            assertThat(again.detail()).contains("not above");
        }
    }

    /**
     * Kraken's sessions roll over seconds apart: one session's rollover forgets its own used ids, not another's,
     * which stay taken at that session's venue until its own rollover (reused in between, the venue would refuse the
     * order as a duplicate: an error counted towards the disconnect).
     */
    @Test
    void oneSessionsRolloverLeavesTheIdsAnotherSessionUsedTaken() {
        try (SinkFixture f = new SinkFixture()) {
            OrderStatusRequest asked = new OrderStatusRequest(f.id(), "O-404", "BTC/USD", Side.BUY);
            assertThat(f.sink.submit("spot", asked).sent()).isTrue();
            f.spot.emit(f.spot.businessReject(asked.clOrdId(), io.fluxfix.model.event.MessageKind.ORDER_STATUS,
                    "EOrder:Unknown order"));
            assertThat(f.sink.inFlight()).as("answered: its id is used, by no order").isZero();
            NewOrder reuse = NewOrder.limit(asked.clOrdId(), "BTC/USD", Side.BUY, Decimal.parse("1"),
                    Decimal.parse("80000"), TimeInForce.GOOD_TILL_CANCEL, null, f.nanos());

            f.drv.emit(new io.fluxfix.model.event.SessionEvent.Rollover(f.drv.stamp(), "drv", 2));
            assertThat(f.sink.submit("spot", reuse).reason()).as("the Derivatives session's rollover")
                    .isEqualTo(Decision.Reason.DUPLICATE_CLORDID);

            f.spot.emit(new io.fluxfix.model.event.SessionEvent.Rollover(f.spot.stamp(), "spot", 2));
            assertThat(f.sink.submit("spot", reuse).sent()).as("the Spot session's own rollover").isTrue();
        }
    }

    /**
     * The rollover forgets every order of the last block of ids used (the id table lets go of that block's page):
     * the next orders, whose ids fall in the same block, are still found — their cancels are sent, not refused as
     * unknown orders.
     */
    @Test
    void ordersPlacedAfterARolloverThatEmptiedTheirBlockOfIdsCanBeCancelled() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder done = f.buy("1", "80000");
            f.sink.submit("spot", done);
            f.spot.emit(f.spot.businessReject(done.clOrdId(), "EOrder:Insufficient funds"));
            f.spot.emit(new io.fluxfix.model.event.SessionEvent.Rollover(f.spot.stamp(), "spot", 2));

            NewOrder next = f.buy("1", "80000"); // the id after done's: the same block of ids
            assertThat(f.sink.submit("spot", next).sent()).isTrue();
            NewOrder far = NewOrder.limit(Long.toString(Long.parseLong(next.clOrdId()) + 1_000), "BTC/USD", Side.BUY,
                    next.orderQty(), next.price(), TimeInForce.GOOD_TILL_CANCEL, null, f.nanos());
            assertThat(f.sink.submit("spot", far).sent()).isTrue();
            f.spot.emit(f.spot.ack(next, "O-2", f.nanos()));
            assertThat(f.sink.order(next.clOrdId()).state()).isEqualTo(OrderState.NEW);
            // by ClOrdID alone (no venue order id), with an id above far's (Spot's ids keep increasing)
            CancelOrder c = new CancelOrder(Long.toString(Long.parseLong(far.clOrdId()) + 1), next.clOrdId(), null,
                    "BTC/USD", Side.BUY, f.nanos());
            assertThat(f.sink.submit("spot", c).sent()).isTrue();
            assertThat(f.sink.order(next.clOrdId()).state()).isEqualTo(OrderState.PENDING_CANCEL);
        }
    }

    /** A 1 BTC buy at 80,000, acknowledged by the venue as O-1. */
    private static NewOrder ackedOrder(SinkFixture f) {
        NewOrder a = f.buy("1", "80000");
        f.sink.submit("spot", a);
        f.spot.emit(f.spot.ack(a, "O-1", f.nanos()));
        return a;
    }

    /** The venue fills all of {@code a} (O-1) at its price. */
    private static void filled(SinkFixture f, NewOrder a) {
        f.spot.emit(f.spot.report(a, a.clOrdId(), null, "O-1", ExecType.TRADE, OrdStatus.FILLED, "1", "0",
                "1", "80000", List.of(), f.nanos(), null));
    }

    /** The venue's 35=9 to cancel {@code c}: the order {@code a} is already filled. */
    private static void tooLateToCancel(SinkFixture f, NewOrder a, CancelOrder c) {
        f.spot.emit(new io.fluxfix.model.event.OrderCancelReject(f.spot.stamp(), c.clOrdId(), a.clOrdId(), "O-1",
                OrdStatus.FILLED, false, 0, "EOrder:Unknown order"));
    }

    /** The cancel of {@code a}, sent (its answer still to come). */
    private static CancelOrder cancelSent(SinkFixture f, NewOrder a) {
        CancelOrder c = f.cancel(a);
        assertThat(f.sink.submit("spot", c).sent()).isTrue();
        return c;
    }
}
