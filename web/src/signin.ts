// The sign-in page (/signin.html): posts ADMIN_TOKEN to /auth/signin, which
// answers with the session cookie (HttpOnly: this script never sees it), then
// opens the page. Tells a tenant whose share link ended so, and says why a
// sign-in failed (wrong token, too many tries, server unreachable).

import './styles.css';
import { signIn, signInErrorText } from './session';
import { byId } from './views/dom';

const form = byId<HTMLFormElement>('signin-form');
const input = byId<HTMLInputElement>('signin-token');
const error = byId('signin-error');
const submit = byId<HTMLButtonElement>('signin-submit');

if (new URLSearchParams(location.search).get('ended') === '1') {
  byId('signin-note').textContent = '你的分享链接已过期或已被撤销，请向房东索取新链接。管理员可在下面登录。';
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  submit.disabled = true;
  error.hidden = true;
  void signIn(input.value.trim())
    .then(() => location.replace('/'))
    .catch((e: unknown) => {
      error.textContent = signInErrorText(e);
      error.hidden = false;
      input.select();
    })
    .finally(() => {
      submit.disabled = false;
    });
});
input.focus();
