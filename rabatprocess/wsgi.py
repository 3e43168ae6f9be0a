import os

from django.core.wsgi import get_wsgi_application

from core.garbage_collector import tune_for_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabatprocess.settings")

application = get_wsgi_application()
tune_for_server()
