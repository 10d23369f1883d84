"""gunicorn settings for a department server:

    gunicorn -c python:dashboard.web.gunicorn_conf 'dashboard.web.app:server'

The app is built once, in the master, before the workers fork (`preload_app`): the data
are loaded and the front computed once, and every worker shares them. Workers and threads
follow the machine; KOREA_MAP_BIND, KOREA_MAP_WORKERS and KOREA_MAP_THREADS override.
"""

import os

_cores = os.cpu_count() or 1

bind = os.environ.get("KOREA_MAP_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("KOREA_MAP_WORKERS", _cores))
threads = int(os.environ.get("KOREA_MAP_THREADS", 4))
worker_class = "gthread"
preload_app = True
timeout = 120  # an export can take a while on a busy machine
graceful_timeout = 30
accesslog = "-"
