package io.gavel.core.rules;

/**
 * TIMED lots by deadline: an indexed binary min-heap ordered by end time, then auction id, then lot id (RULES.md R4),
 * so lots whose deadlines pass together close in that order. An extension moves a lot within the heap in place.
 */
final class DeadlineQueue
{
    private Lot[] heap = new Lot[64];
    private int size;

    int size()
    {
        return size;
    }

    Lot peek()
    {
        return size == 0 ? null : heap[0];
    }

    long nextDeadline()
    {
        return size == 0 ? Long.MAX_VALUE : heap[0].end;
    }

    void add(final Lot lot)
    {
        if (size == heap.length)
        {
            heap = java.util.Arrays.copyOf(heap, size * 2);
        }
        heap[size] = lot;
        lot.deadlineIndex = size;
        size++;
        siftUp(lot.deadlineIndex);
    }

    /** Call after the lot's end moved later. */
    void deadlineExtended(final Lot lot)
    {
        siftDown(lot.deadlineIndex);
    }

    void remove(final Lot lot)
    {
        final int index = lot.deadlineIndex;
        if (index < 0)
        {
            return;
        }
        size--;
        lot.deadlineIndex = -1;
        if (index != size)
        {
            final Lot last = heap[size];
            heap[index] = last;
            last.deadlineIndex = index;
            siftDown(index);
            siftUp(last.deadlineIndex);
        }
        heap[size] = null;
    }

    private static boolean before(final Lot a, final Lot b)
    {
        if (a.end != b.end)
        {
            return a.end < b.end;
        }
        if (a.auction.id != b.auction.id)
        {
            return a.auction.id < b.auction.id;
        }
        return a.id < b.id;
    }

    private void siftUp(final int start)
    {
        int index = start;
        final Lot lot = heap[index];
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            if (!before(lot, heap[parent]))
            {
                break;
            }
            heap[index] = heap[parent];
            heap[index].deadlineIndex = index;
            index = parent;
        }
        heap[index] = lot;
        lot.deadlineIndex = index;
    }

    private void siftDown(final int start)
    {
        int index = start;
        final Lot lot = heap[index];
        while (true)
        {
            final int left = 2 * index + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && before(heap[right], heap[left]) ? right : left;
            if (!before(heap[child], lot))
            {
                break;
            }
            heap[index] = heap[child];
            heap[index].deadlineIndex = index;
            index = child;
        }
        heap[index] = lot;
        lot.deadlineIndex = index;
    }
}
