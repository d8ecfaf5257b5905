"""The app's actions, grouped by what they are about; mixed into ``OkrApp``."""
