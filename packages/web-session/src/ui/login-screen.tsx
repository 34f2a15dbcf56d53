/** The login form every app shows to a logged-out user. */
import { LoginRequestSchema } from '@ccx/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { describeLoginError } from '../auth/login-errors';
import { useAuth, useWebSession } from '../react/session-context';
import './session.css';

export function LoginScreen() {
  const { auth, appName } = useWebSession();
  const notice = useAuth((state) => state.notice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const ids = { username: useId(), password: useId(), error: useId(), title: useId() };

  const login = useMutation({
    mutationFn: (credentials: { username: string; password: string }) => auth.getState().login(credentials),
    onError: () => setPassword(''),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = LoginRequestSchema.safeParse({ username: username.trim(), password });
    if (!parsed.success) {
      setFormError('Enter your username and password.');
      return;
    }
    setFormError(null);
    auth.getState().clearNotice();
    login.mutate(parsed.data);
  }

  const message = formError ?? (login.isError ? describeLoginError(login.error) : notice);

  return (
    <main className="ccx-login">
      <form className="ccx-login__card" onSubmit={onSubmit} aria-labelledby={ids.title} noValidate>
        <h1 id={ids.title} className="ccx-login__title">
          {appName}
        </h1>
        <p className="ccx-login__hint">Log in with your contact center account.</p>
        <label htmlFor={ids.username}>Username</label>
        <input
          id={ids.username}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-describedby={message ? ids.error : undefined}
          aria-invalid={login.isError || formError !== null ? true : undefined}
        />
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby={message ? ids.error : undefined}
          aria-invalid={login.isError || formError !== null ? true : undefined}
        />
        <div id={ids.error} className="ccx-login__error" role="alert">
          {message}
        </div>
        <button type="submit" className="ccx-button ccx-button--primary" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
