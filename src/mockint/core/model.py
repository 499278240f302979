"""The base of every pydantic model in mockint.

`defer_build`: a model's validator is built the first time it is used, not at
import. Start-up imports every model but uses few of them before the first
screen; building them all eagerly cost ~60 ms of the start-up (bench/).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True)
