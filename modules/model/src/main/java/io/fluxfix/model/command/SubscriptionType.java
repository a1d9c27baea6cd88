package io.fluxfix.model.command;

public enum SubscriptionType {
    SNAPSHOT,
    SNAPSHOT_AND_UPDATES,
    UNSUBSCRIBE
}
