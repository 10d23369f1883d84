"""The Celery worker's entry, for exports on other machines:

    KOREA_MAP_REDIS_URL=redis://host:6379/0 \
        celery -A dashboard.web.celery_app worker --concurrency 2

The worker builds the same Dash app as the web servers (so it knows the export callback
it runs) and renders with one warm Chromium per worker process.
"""

import os

from dashboard.export.queue import REDIS_ENV, celery_app_for
from dashboard.web.app import create_app
from events.dataset import load_dataset

app = celery_app_for(os.environ[REDIS_ENV])
dash_app = create_app(load_dataset())
