"""Batch mode (``crosswire batch``): the ingest stages over sharded inputs, the model pass on workers.

Entry point: :func:`crosswire.batch.run.run_batch` (engines: ``local`` process pool, ``ray`` Ray Data).
"""
