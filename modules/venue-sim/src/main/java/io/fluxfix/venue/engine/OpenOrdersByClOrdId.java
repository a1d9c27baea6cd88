package io.fluxfix.venue.engine;

/**
 * One CompID's open orders by the ClOrdID each carries, for cancels and amends by 41. An open-addressing table
 * (linear probing, deletion by backward shift): an order comes and goes without an entry object, and a CompID's few
 * dozen open orders sit in two short arrays.
 */
final class OpenOrdersByClOrdId {

    private String[] clOrdIds = new String[64];
    private Order[] orders = new Order[64];
    private int size;

    Order get(String clOrdId) {
        int mask = clOrdIds.length - 1;
        for (int i = slot(clOrdId, mask); clOrdIds[i] != null; i = (i + 1) & mask) {
            if (clOrdIds[i].equals(clOrdId)) {
                return orders[i];
            }
        }
        return null;
    }

    /** {@code clOrdId} now names {@code order} (in place of any order it named before). */
    void put(String clOrdId, Order order) {
        int mask = clOrdIds.length - 1;
        int i = slot(clOrdId, mask);
        for (; clOrdIds[i] != null; i = (i + 1) & mask) {
            if (clOrdIds[i].equals(clOrdId)) {
                orders[i] = order;
                return;
            }
        }
        clOrdIds[i] = clOrdId;
        orders[i] = order;
        if (++size * 2 > clOrdIds.length) {
            grow();
        }
    }

    /** Forgets {@code clOrdId} if it names {@code order}. */
    void remove(String clOrdId, Order order) {
        int mask = clOrdIds.length - 1;
        int i = slot(clOrdId, mask);
        while (clOrdIds[i] != null && !clOrdIds[i].equals(clOrdId)) {
            i = (i + 1) & mask;
        }
        if (clOrdIds[i] == null || orders[i] != order) {
            return;
        }
        size--;
        // Backward shift: pull later entries of the probe run into the hole unless their home lies after it.
        int hole = i;
        for (int j = (i + 1) & mask; clOrdIds[j] != null; j = (j + 1) & mask) {
            int home = slot(clOrdIds[j], mask);
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                clOrdIds[hole] = clOrdIds[j];
                orders[hole] = orders[j];
                hole = j;
            }
        }
        clOrdIds[hole] = null;
        orders[hole] = null;
    }

    int size() {
        return size;
    }

    private void grow() {
        String[] oldIds = clOrdIds;
        Order[] oldOrders = orders;
        clOrdIds = new String[oldIds.length * 2];
        orders = new Order[oldIds.length * 2];
        int mask = clOrdIds.length - 1;
        for (int k = 0; k < oldIds.length; k++) {
            if (oldIds[k] != null) {
                int i = slot(oldIds[k], mask);
                while (clOrdIds[i] != null) {
                    i = (i + 1) & mask;
                }
                clOrdIds[i] = oldIds[k];
                orders[i] = oldOrders[k];
            }
        }
    }

    private static int slot(String clOrdId, int mask) {
        // Numeric ClOrdIDs differ in their last digits: spread String's hash over the table.
        int h = clOrdId.hashCode() * 0x9E37_79B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
