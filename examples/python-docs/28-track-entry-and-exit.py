# contextlib docs recipe: using a context manager as a function decorator
# (track_entry_and_exit, logging to stderr).
from contextlib import ContextDecorator
import logging

logging.basicConfig(level=logging.INFO)


class track_entry_and_exit(ContextDecorator):
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        logging.info('Entering: %s', self.name)

    def __exit__(self, exc_type, exc, exc_tb):
        logging.info('Exiting: %s', self.name)


def load_widget():
    print("widget loaded")


with track_entry_and_exit('widget loader'):
    print('Some time consuming activity goes here')
    load_widget()


@track_entry_and_exit('widget loader')
def activity():
    print('Some time consuming activity goes here')
    load_widget()


activity()
