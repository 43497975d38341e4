package io.gavel.gateway;

import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;

/**
 * The idle of a wait on the low-core layout's one thread (the egress retrying a back-pressured offer, the egress
 * waiting for the journal's fsync): each idle first turns the Aeron client's conductor and the media driver that
 * thread runs, then idles as the wrapped strategy would. The driver's conductor is what moves an IPC publication's
 * limit once its subscriber has read on, so a wait on that thread that did not invoke it would wait forever.
 */
final class InvokingIdleStrategy implements IdleStrategy
{
    private final IdleStrategy idle;
    private final AgentInvoker conductor;
    private final AgentInvoker driver;

    /**
     * @param conductor the Aeron client's conductor invoker, or null.
     * @param driver an invoker-mode media driver's invoker, or null when the driver has threads of its own.
     */
    InvokingIdleStrategy(final IdleStrategy idle, final AgentInvoker conductor, final AgentInvoker driver)
    {
        this.idle = idle;
        this.conductor = conductor;
        this.driver = driver;
    }

    public void idle(final int workCount)
    {
        idle.idle(workCount + invoke());
    }

    public void idle()
    {
        // Work done by the driver (a limit moved, a term cleaned) resets the back-off: the retry comes at once.
        idle.idle(invoke());
    }

    public void reset()
    {
        idle.reset();
    }

    public String alias()
    {
        return "invoking-" + idle.alias();
    }

    private int invoke()
    {
        int work = 0;
        if (conductor != null)
        {
            work += conductor.invoke();
        }
        if (driver != null)
        {
            work += driver.invoke();
        }
        return work;
    }
}
