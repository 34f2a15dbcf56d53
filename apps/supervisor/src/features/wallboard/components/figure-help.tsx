/** How each figure is computed (SPEC.md "Definitions"), in the words the server computes them. */
export function FigureHelp() {
  return (
    <details className="figure-help">
      <summary>How these figures are computed</summary>
      <dl>
        <dt>Today</dt>
        <dd>Calls are counted from local midnight, in the queue where their first wait ended. Figures update as the server pushes them (within a second of a change).</dd>
        <dt>Waiting, Longest wait</dt>
        <dd>Callers in the queue now, and how long the one who has waited longest has waited so far.</dd>
        <dt>Offered, Answered, Abandoned</dt>
        <dd>Offered: calls that entered the queue. Answered: connected to an agent. Abandoned: the caller hung up while queued. A short abandon hangs up within 5 s.</dd>
        <dt>Service level (SL)</dt>
        <dd>Calls answered within the queue’s threshold T (default 20 s) ÷ (offered − short abandons). A caller still waiting counts once they have waited longer than T.</dd>
        <dt>ASA</dt>
        <dd>Average speed of answer: the mean queue wait of answered calls.</dd>
        <dt>AHT</dt>
        <dd>Average handle time: the mean of talk + hold + after-call work of answered calls whose handling is over.</dd>
        <dt>Abandon rate</dt>
        <dd>Abandoned ÷ offered (short abandons included).</dd>
        <dt>EWT</dt>
        <dd>Estimated wait of a caller joining now, as callers hear it: (position − agents available) × recent AHT (the queue’s last 20 handled calls in the hour) ÷ agents staffed (logged in and not in Not ready). Blank when nobody is staffed or no recent call was handled.</dd>
        <dt>EWT error</dt>
        <dd>For each wait announced today to a caller who was later answered: the announced wait against the wait that was still ahead of them. Shown: the mean difference, how many announcements it covers, and whether callers were told too long or too short on average. Callers who hung up are left out (their real wait is unknown).</dd>
        <dt>Agents</dt>
        <dd>Agents whose skills serve the queue, by what they are doing now: available, on a call (an offer ringing counts as on a call), in wrap-up, not ready. Logged-out agents are not counted.</dd>
        <dt>Handled, agent AHT</dt>
        <dd>Queue calls the agent answered today whose handling is over, and their mean talk + hold + after-call work.</dd>
        <dt>Occupancy</dt>
        <dd>Time on calls and in wrap-up ÷ time logged in and not in a Not ready state, since midnight.</dd>
        <dt>Colours</dt>
        <dd>Each queue’s thresholds are set by the administrator; a figure past one says “Warning” or “Alert” beside it.</dd>
      </dl>
    </details>
  );
}
