import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, coolOffMs: 10_000 });

  it('stays closed below the threshold, and an answer resets the count', () => {
    const circuit = breaker();
    circuit.recordFailure(0);
    circuit.recordFailure(0);
    circuit.recordAnswer();
    circuit.recordFailure(0);
    circuit.recordFailure(0);
    expect(circuit.state).toBe('closed');
    expect(circuit.admit(0).admission).toEqual({ admitted: true, trial: false });
  });

  it('opens at the threshold and refuses calls until the cool-off is over, saying how long is left', () => {
    const circuit = breaker();
    circuit.recordFailure(1_000);
    circuit.recordFailure(1_000);
    expect(circuit.recordFailure(1_000)).toEqual({ from: 'closed', to: 'open' });

    expect(circuit.admit(4_000).admission).toEqual({ admitted: false, retryInMs: 7_000 });
    expect(circuit.admit(10_999).admission).toEqual({ admitted: false, retryInMs: 1 });
    expect(circuit.shortCircuited).toBe(2);
    expect(circuit.opened).toBe(1);
  });

  it('lets exactly one trial through after the cool-off; its success closes the circuit', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(0);

    const trial = circuit.admit(10_000);
    expect(trial).toEqual({ admission: { admitted: true, trial: true }, transition: { from: 'open', to: 'half_open' } });
    expect(circuit.admit(10_001).admission).toEqual({ admitted: false, retryInMs: 0 });

    expect(circuit.recordAnswer()).toEqual({ from: 'half_open', to: 'closed' });
    expect(circuit.admit(10_002).admission).toEqual({ admitted: true, trial: false });
  });

  it('opens again for a whole cool-off when the trial fails', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(0);
    circuit.admit(10_000);

    expect(circuit.recordFailure(10_500)).toEqual({ from: 'half_open', to: 'open' });
    expect(circuit.admit(20_000).admission).toEqual({ admitted: false, retryInMs: 500 });
    expect(circuit.admit(20_500).admission).toEqual({ admitted: true, trial: true });
    expect(circuit.opened).toBe(2);
  });

  it('lets the next call try when a trial ended without an answer (cancelled)', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(0);
    circuit.admit(10_000);
    circuit.releaseTrial();
    expect(circuit.admit(10_001).admission).toEqual({ admitted: true, trial: true });
  });

  it('lets only one call through as the trial after a cancelled one', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(0);
    circuit.admit(10_000);
    circuit.releaseTrial();
    expect(circuit.admit(10_001).admission).toEqual({ admitted: true, trial: true });
    expect(circuit.admit(10_002).admission).toEqual({ admitted: false, retryInMs: 0 });
  });

  it('reports no transition for an answer while closed', () => {
    const circuit = breaker();
    circuit.recordFailure(0);
    expect(circuit.recordAnswer()).toBeUndefined();
    expect(circuit.state).toBe('closed');
  });

  it('does not restart the cool-off when a call admitted before it opened fails late', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(0);
    expect(circuit.recordFailure(5_000)).toBeUndefined();
    expect(circuit.opened).toBe(1);
    expect(circuit.admit(10_000).admission).toEqual({ admitted: true, trial: true });
  });

  it('never opens with a cool-off of 0', () => {
    const circuit = new CircuitBreaker({ failureThreshold: 1, coolOffMs: 0 });
    for (let i = 0; i < 10; i++) circuit.recordFailure(0);
    expect(circuit.state).toBe('closed');
  });
});
