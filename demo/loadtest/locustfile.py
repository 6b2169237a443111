"""The load `manage.py loadtest` runs (locust, headless): one signed-in user per role, each
opening its pages in turn with the bare login page, as a user who is signed out, between any
two of them, so pages and baseline share the same moments of load.

The mixed load (`loadtest --mixed`) runs Reader and Writer instead: many users with pauses
between clicks, readers opening the roles' pages and writers replying in a comment thread, each
reply's text starting with the run's tag so the command can count the rows afterwards.

Read from the environment (set by the command): LOADTEST_PLAN, JSON {role: {"username": …,
"pages": [[label, path], …]}} plus "password", and for the mixed load "writers" (user names),
"reply" (the thread's reply URL) and "tag"; LOADTEST_RESULTS, the file each request's time
and size are written to when locust quits. Nothing here imports Django: locust runs apart
from the app it measures."""

import json
import os
import re
from collections import defaultdict

from locust import HttpUser, between, constant, events, task
from locust.clients import HttpSession

PLAN = json.loads(os.environ["LOADTEST_PLAN"])
BARE = "bare: login page"
LOGIN_PATH = PLAN["login"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

timings = defaultdict(list)
sizes = defaultdict(list)
failures = defaultdict(int)


@events.request.add_listener
def record(name, response_time, response_length, exception, **kwargs):
    if exception is not None:
        failures[name] += 1
        return
    timings[name].append(response_time)
    sizes[name].append(response_length)


@events.quitting.add_listener
def write_results(**kwargs):
    with open(os.environ["LOADTEST_RESULTS"], "w") as out:
        json.dump({"timings": timings, "sizes": sizes, "failures": failures}, out)


def csrf_token(client, path, name):
    return CSRF_INPUT.search(client.get(path, name=name).text).group(1)


def sign_in(client, username):
    token = csrf_token(client, LOGIN_PATH, "setup: login form")
    with client.post(LOGIN_PATH, name="setup: sign in", allow_redirects=False,
                     catch_response=True, data={"username": username,
                                                "password": PLAN["password"],
                                                "csrfmiddlewaretoken": token}) as answer:
        if answer.status_code != 302:  # the form shown again: the sign-in was refused
            answer.failure(f"{username} could not sign in ({answer.status_code})")


class RoleUser(HttpUser):
    abstract = True
    wait_time = constant(0)
    fixed_count = 1
    role = None

    def on_start(self):
        plan = PLAN["roles"][self.role]
        self.pages = plan["pages"]
        self.next_page = 0
        self.signed_out = HttpSession(self.host, self.environment.events.request, self)
        sign_in(self.client, plan["username"])

    @task
    def page_then_bare(self):
        label, path = self.pages[self.next_page]
        self.next_page = (self.next_page + 1) % len(self.pages)
        with self.client.get(path, name=f"{self.role}: {label}", allow_redirects=False,
                             catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{path} answered {answer.status_code}")
        self.signed_out.get(LOGIN_PATH, name=BARE)


class Admin(RoleUser):
    role = "admin"


class Pembimbing(RoleUser):
    role = "pembimbing"


class Ketua(RoleUser):
    role = "ketua"


class Dewan(RoleUser):
    role = "dewan"


class Reader(RoleUser):
    """Mixed load: a user of one of the roles in turn, clicking every one to three seconds."""

    fixed_count = 0
    weight = 4
    wait_time = between(1, 3)
    started = 0

    def on_start(self):
        roles = sorted(PLAN["roles"])
        self.role = roles[Reader.started % len(roles)]
        Reader.started += 1
        super().on_start()


class Writer(HttpUser):
    """Mixed load: a team member replying in a comment thread, every one to three seconds."""

    weight = 1
    wait_time = between(1, 3)
    started = 0

    def on_start(self):
        writers = PLAN["writers"]
        self.number = Writer.started
        Writer.started += 1
        self.sent = 0
        sign_in(self.client, writers[self.number % len(writers)])

    @task
    def reply(self):
        token = csrf_token(self.client, PLAN["thread"], "writer: thread")
        self.sent += 1
        text = f"{PLAN['tag']} {self.number}-{self.sent}"
        with self.client.post(PLAN["reply"], name="writer: reply", allow_redirects=False,
                              catch_response=True,
                              data={"text": text, "csrfmiddlewaretoken": token}) as answer:
            if answer.status_code != 302:
                answer.failure(f"the reply was refused ({answer.status_code})")
